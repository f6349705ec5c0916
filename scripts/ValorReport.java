///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// UTF-8 whatever the locale (cron and bare containers have none): the sources, and what is printed, are UTF-8
//JAVAC_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8
//RUNTIME_OPTIONS -Xmx1g
//DESCRIPTION valor-report: an athlete's report from your synced Valor data, as one self-contained HTML page a coach opens.
//DESCRIPTION Sessions and minutes per week, exercise mix, report metric trends (L and R), asymmetry with a ±10% band, joint range of motion, latest sessions.
//DESCRIPTION Read-only, and safe to run while valor-sync is writing; --all writes a page per athlete and an index.
//DESCRIPTION Usage: valor-report [--demo] [--db PATH] (--athlete NAME_OR_ID [--out FILE.html] | --all --out FOLDER) [--since YYYY-MM-DD]
//DESCRIPTION Example: valor-report --demo --athlete "Yara Patel" --since 2026-01-01 --out yara.html
//SOURCES ../lib/ReportCommand.java

/** Thin launcher: everything lives in lib/ReportCommand.java so tests can run it in-process. */
public class ValorReport {
    public static void main(String[] args) {
        valor.ReportCommand.main(args);
    }
}
