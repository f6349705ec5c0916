package valor.sync;

import java.util.List;
import valor.api.ApiPage;
import valor.api.Pager;

/**
 * The pages of a pass one run walks. A run that starts a pass at the first token walks to the
 * last page. A run that resumes a pass in the middle walks on to the last page and then goes
 * round from the first token back to where it resumed: records added, edited or deleted behind the
 * checkpoint while no sync ran are seen too, for one pass's worth of pages in all. Deletes are
 * then reconciled from the pages this run walked, which together cover the whole table as it is
 * now, never from pages an earlier run saw.
 */
final class PassSweep {
    /** The token the run resumed at; null when it started at the first token. */
    private final String resumedAt;
    private boolean goneRound;
    /** The first record seen after resuming: meeting it again while going round means the round is closed. */
    private String firstIdSeen;

    private PassSweep(String resumedAt) {
        this.resumedAt = resumedAt;
    }

    static PassSweep from(SyncPasses.Start start) {
        boolean midTable = start.resumed() && !start.token().equals(ApiPage.FIRST_TOKEN);
        return new PassSweep(midTable ? start.token() : null);
    }

    /** Whether this run resumed in the middle of the table, and so goes round. */
    boolean resumedMidTable() {
        return resumedAt != null;
    }

    /** Where the walk now under way ends early: at the token it resumed at, once gone round; else nowhere. */
    String endToken() {
        return goneRound ? resumedAt : null;
    }

    /** Whether a committed page completes the pass; the ids are the records it carried. */
    boolean completes(Pager.Fetched<?> page, List<String> ids) {
        if (resumedAt == null) return page.isLast();
        if (!goneRound) {
            if (firstIdSeen == null && !ids.isEmpty()) firstIdSeen = ids.get(0);
            return false;
        }
        return page.isLast() || (firstIdSeen != null && ids.contains(firstIdSeen));
    }

    /** The checkpoint after a page that does not complete the pass: past the table's last page, the first token. */
    static String checkpoint(Pager.Fetched<?> page) {
        return page.isLast() ? ApiPage.FIRST_TOKEN : page.nextToken();
    }

    /** After the table's last page: true (once) when the pass goes on from the first token. */
    boolean goRound() {
        if (resumedAt == null || goneRound) return false;
        goneRound = true;
        return true;
    }
}
