//DEPS commons-cli:commons-cli:1.11.0
package valor.store;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.Io;

/** How commands name the store on their command line: --db (and whether it may be open to others), and --demo for the demo store. */
public final class StoreOptions {
    private StoreOptions() {}

    public static final String ALLOW_OPEN_PERMISSIONS = "allow-open-permissions";

    /** --db and --allow-open-permissions, as every command that opens the store takes them. */
    public static void addDb(Options options) {
        options.addOption(Option.builder().longOpt("db").hasArg().argName("PATH|JDBC-URL")
                .desc("database file (env VALOR_DB; default ~/.local/share/valor/valor.mv.db), or jdbc:h2:file:PATH[;SETTING=VALUE...]"
                        + " or jdbc:h2:mem:NAME with only these settings: " + String.join(", ", H2Url.ALLOWED_SETTINGS)
                        + "; or a team store, jdbc:postgresql://HOST[:PORT]/DATABASE").get());
        options.addOption(Option.builder().longOpt("db-user").hasArg().argName("ROLE")
                .desc("PostgreSQL role to connect as (default: PGUSER, else your login name)").get());
        options.addOption(Option.builder().longOpt("db-password-file").hasArg().argName("FILE")
                .desc("file (chmod 600) holding the PostgreSQL password (default: PGPASSWORD, else ~/.pgpass or PGPASSFILE)").get());
        options.addOption(Option.builder().longOpt(ALLOW_OPEN_PERMISSIONS)
                .desc("use a store whose folder or file other users of this machine can read (refused otherwise)").get());
    }

    /** --db, --allow-open-permissions and --demo for the commands that read a store valor-sync has filled. */
    public static void addForReading(Options options) {
        addDb(options);
        options.addOption(Option.builder().longOpt("demo").desc("use the demo database that valor-sync --demo fills").get());
    }

    /** The store --db, VALOR_DB or --demo names, to sync into: created if missing. */
    public static DatabaseLocation forSync(CommandLine line, Io io) {
        return DatabaseLocation.resolve(line.getOptionValue("db"), line.hasOption("demo"), DatabaseLocation.Use.CREATE_IF_MISSING,
                line.hasOption(ALLOW_OPEN_PERMISSIONS), login(line), io);
    }

    /** The store --db, VALOR_DB or --demo names, which must exist already. */
    public static DatabaseLocation existing(CommandLine line, Io io) {
        return DatabaseLocation.resolve(line.getOptionValue("db"), line.hasOption("demo"), DatabaseLocation.Use.MUST_EXIST,
                line.hasOption(ALLOW_OPEN_PERMISSIONS), login(line), io);
    }

    private static PostgresLogin.Flags login(CommandLine line) {
        return new PostgresLogin.Flags(line.getOptionValue("db-user"), line.getOptionValue("db-password-file"));
    }
}
