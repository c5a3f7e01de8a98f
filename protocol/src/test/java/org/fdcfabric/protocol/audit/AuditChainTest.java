package org.fdcfabric.protocol.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    static List<AuditEntry> trail(int n) {
        List<AuditEntry> out = new ArrayList<>();
        AuditEntry previous = null;
        for (int i = 0; i < n; i++) {
            previous = AuditChain.next(
                    previous,
                    "job:j1",
                    "ACTION_" + i,
                    "Org1MSP",
                    "x509::CN=u",
                    "tx" + i,
                    Instant.ofEpochSecond(1_700_000_000L + i),
                    "a".repeat(64));
            out.add(previous);
        }
        return out;
    }

    @Test
    void anUntouchedTrailVerifies() {
        List<AuditEntry> t = trail(5);
        assertThat(t.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(t.get(3).previousHash()).isEqualTo(t.get(2).hash());
        assertThat(AuditChain.verify(t)).isEmpty();
    }

    @Test
    void detectsAlteredRemovedAndReorderedEntries() {
        List<AuditEntry> altered = trail(5);
        AuditEntry e = altered.get(2);
        altered.set(
                2,
                new AuditEntry(
                        e.subject(),
                        e.seq(),
                        "FORGED",
                        e.actorMsp(),
                        e.actorId(),
                        e.txId(),
                        e.txTime(),
                        e.detailsHash(),
                        e.previousHash(),
                        e.hash()));
        assertThat(AuditChain.verify(altered))
                .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(2));

        List<AuditEntry> removed = trail(5);
        removed.remove(1);
        assertThat(AuditChain.verify(removed))
                .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(1));

        List<AuditEntry> reordered = trail(5);
        reordered.set(3, trail(5).get(4));
        reordered.set(4, trail(5).get(3));
        assertThat(AuditChain.verify(reordered)).isPresent();
    }

    @Test
    void rehashingAnAlteredEntryStillBreaksTheNextLink() {
        List<AuditEntry> t = trail(4);
        AuditEntry e = t.get(1);
        AuditEntry forged = new AuditEntry(
                e.subject(),
                e.seq(),
                "FORGED",
                e.actorMsp(),
                e.actorId(),
                e.txId(),
                e.txTime(),
                e.detailsHash(),
                e.previousHash(),
                null);
        t.set(
                1,
                new AuditEntry(
                        forged.subject(),
                        forged.seq(),
                        forged.action(),
                        forged.actorMsp(),
                        forged.actorId(),
                        forged.txId(),
                        forged.txTime(),
                        forged.detailsHash(),
                        forged.previousHash(),
                        AuditChain.hashOf(forged)));
        assertThat(AuditChain.verify(t))
                .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(2));
    }
}
