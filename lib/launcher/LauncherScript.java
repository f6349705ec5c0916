package valor.launcher;

import java.nio.file.Path;
import java.util.List;
import valor.base.Invocation;

/**
 * The text of one launcher: a POSIX shell script that starts the command's JVM directly, with the
 * class path JBang resolved, and tells the command where it was installed (so its hints name the
 * launchers). Before that it checks the build is still current: from a checkout, the sources'
 * checksum; from a catalog, that JBang's cache still has the jar. When it is not, the command runs
 * through JBang instead, with a line saying how to be fast again.
 */
final class LauncherScript {
    private LauncherScript() {}

    /**
     * @param fingerprint the checkout's sources checksum ({@link #fingerprintCommand}), or null
     * @param archive     the class-data archive to map, or null
     */
    static String text(CommandBuilds.Launcher launcher, CommandBuilds builds, Path java, String fingerprint, Path archive, Path dir) {
        String reinstall = builds.checkout() != null ? "./jbang valor-sql --install " + dir
                : builds.catalog() != null ? "jbang valor-sql@" + builds.catalog() + " --install " + dir
                : "valor-sql --install " + dir;
        StringBuilder text = new StringBuilder("#!/bin/sh\n");
        text.append("# ").append(launcher.name()).append(": written by `").append(reinstall).append("`.\n");
        text.append("# Starts the toolkit's JVM directly with the class path JBang resolved, skipping JBang's own JVM.\n");
        text.append("# Reinstall after updating the toolkit; until then this runs the command through JBang.\n");
        text.append("jar=").append(quoted(launcher.jar().toString())).append('\n');
        String stale = fingerprint == null ? "[ ! -f \"$jar\" ]"
                : "[ ! -f \"$jar\" ] || [ \"$( { " + fingerprintCommand(builds.checkout()) + "; } 2>/dev/null)\" != " + quoted(fingerprint) + " ]";
        text.append("if ").append(stale).append("; then\n");
        if (builds.onlyThisCommand()) {
            text.append("  echo \"").append(launcher.name()).append(": this launcher is out of date; rerun ").append(reinstall)
                    .append("\" >&2\n  exit 2\n");
        } else {
            String why = fingerprint != null ? "the toolkit changed since this launcher was written" : "JBang's cache no longer has this launcher's build";
            text.append("  echo \"").append(launcher.name()).append(": ").append(why).append("; running it through JBang (to be fast again: ")
                    .append(reinstall).append(")\" >&2\n");
            text.append("  exec ").append(quoted(builds.jbang().get(0))).append(' ').append(quoted(builds.refs().get(launcher.name())))
                    .append(" \"$@\"\n");
        }
        text.append("fi\n");
        // Without a locale (cron, bare containers) Java 17 reads arguments as ASCII: a name with an accent would not match.
        text.append("[ -n \"${LC_ALL:-}${LC_CTYPE:-}${LANG:-}\" ] || export LC_CTYPE=C.UTF-8\n");
        // JVM warnings go to stderr, never into CSV on stdout; a stale archive is ignored, not fatal.
        text.append("exec ").append(quoted(java.toString())).append(" -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr");
        for (String option : launcher.jvmOptions()) text.append(' ').append(quoted(option));
        if (archive != null) text.append(" -XX:SharedArchiveFile=").append(quoted(archive.toString()));
        text.append(' ').append(quoted("-D" + Invocation.LAUNCHER_FOLDER + "=" + dir));
        text.append(" -cp ").append(quoted(launcher.classPath())).append(' ').append(launcher.mainClass()).append(" \"$@\"\n");
        return text.toString();
    }

    /**
     * A checksum of every file under lib/, sql/ and scripts/ (each file's checksum and size, sorted,
     * checksummed again), as a POSIX shell line the launchers run too, so the two agree.
     */
    static String fingerprintCommand(Path toolkit) {
        return "cd " + quoted(toolkit.toString()) + " && find lib sql scripts -type f -exec cksum {} + | LC_ALL=C sort | cksum";
    }

    static List<String> fingerprintShell(Path toolkit) {
        return List.of("sh", "-c", fingerprintCommand(toolkit));
    }

    /** Always in single quotes, so the launcher's text reads the same whatever the value holds. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
