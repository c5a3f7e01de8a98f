package org.fdcfabric.protocol.trail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.junit.jupiter.api.Test;

class TrailVerdictTest {
    private static final String SUBJECT = "dataset:ward-7";

    private static List<AuditEntry> trail(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditEntry previous = null;
        for (int i = 0; i < length; i++) {
            previous = AuditChain.next(
                    previous,
                    SUBJECT,
                    "STEP_" + i,
                    "Provider1MSP",
                    "alice",
                    "tx" + i,
                    Instant.ofEpochSecond(1_700_000_000L + i),
                    "0".repeat(64));
            entries.add(previous);
        }
        return entries;
    }

    @Test
    void aWholeTrailWhoseHeadIsItsLastEntryIsValid() {
        List<AuditEntry> entries = trail(3);

        TrailVerdict verdict = TrailVerdict.of(SUBJECT, entries, Optional.of(entries.get(2)));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.entries()).isEqualTo(3);
        assertThat(verdict.firstBreak()).isNull();
        assertThat(verdict.headHash()).isEqualTo(entries.get(2).hash());
    }

    @Test
    void anUnknownSubjectIsAnEmptyValidTrailWithoutHead() {
        TrailVerdict verdict = TrailVerdict.of(SUBJECT, List.of(), Optional.empty());

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.entries()).isZero();
        assertThat(verdict.headHash()).isNull();
    }

    @Test
    void aTrailCutShortAtItsEndIsCaughtByTheHead() {
        List<AuditEntry> entries = trail(3);

        TrailVerdict verdict = TrailVerdict.of(SUBJECT, entries.subList(0, 2), Optional.of(entries.get(2)));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBreak().seq()).isEqualTo(1);
        assertThat(verdict.firstBreak().reason()).isEqualTo("the head names entry 2, which is not the last entry");
    }

    @Test
    void entriesWithoutAHeadAreABreak() {
        List<AuditEntry> entries = trail(2);

        TrailVerdict verdict = TrailVerdict.of(SUBJECT, entries, Optional.empty());

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBreak().reason()).isEqualTo("the trail has entries but no head");
    }

    @Test
    void aHeadWithoutEntriesIsABreak() {
        TrailVerdict verdict = TrailVerdict.of(SUBJECT, List.of(), Optional.of(trail(1).get(0)));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBreak().seq()).isZero();
    }

    @Test
    void aBrokenLinkIsReportedBeforeTheHead() {
        List<AuditEntry> entries = new ArrayList<>(trail(3));
        entries.remove(1);

        TrailVerdict verdict = TrailVerdict.of(SUBJECT, entries, Optional.of(entries.get(1)));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBreak().seq()).isEqualTo(1);
        assertThat(verdict.firstBreak().reason()).startsWith("expected sequence 1");
    }
}
