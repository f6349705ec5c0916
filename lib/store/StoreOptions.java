//DEPS commons-cli:commons-cli:1.11.0
package valor.store;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import valor.base.Io;

/** How commands name the store on their command line: --db, and --demo for the demo store. */
public final class StoreOptions {
    private StoreOptions() {}

    /** --db, as every command that opens the store takes it. */
    public static Option db() {
        return Option.builder().longOpt("db").hasArg().argName("PATH|JDBC-URL")
                .desc("database file (env VALOR_DB; default ~/.local/share/valor/valor.mv.db)").get();
    }

    /** --db and --demo for the commands that read a store valor-sync has filled. */
    public static void addForReading(Options options) {
        options.addOption(db());
        options.addOption(Option.builder().longOpt("demo").desc("use the demo database that valor-sync --demo fills").get());
    }

    /** The store --db, VALOR_DB or --demo names, which must exist already. */
    public static DatabaseLocation existing(CommandLine line, Io io) {
        return DatabaseLocation.resolve(line.getOptionValue("db"), line.hasOption("demo"), DatabaseLocation.Use.MUST_EXIST, io);
    }
}
