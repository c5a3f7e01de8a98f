package org.fdcfabric.protocol.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccessPassTest {
    static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant EXPIRES = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant DURING = Instant.parse("2026-01-15T00:00:00Z");

    static AccessPass pass(long granted, long used) {
        return new AccessPass(
                AccessPass.idFor("req-1", "ds-one"),
                "req-1",
                "ds-one",
                "Org1MSP",
                "DataUserMSP",
                "activity",
                "fedavg",
                granted,
                used,
                ISSUED,
                EXPIRES,
                PassStatus.ACTIVE,
                null,
                null);
    }

    @Nested
    class Verdicts {
        @Test
        void anActivePassWithRoundsLeftIsValidBeforeExpiry() {
            PassVerdict v = pass(3, 1).verdict("ds-one", "activity", DURING);
            assertThat(v.valid()).isTrue();
            assertThat(v.reason()).isNull();
            assertThat(v.roundsRemaining()).isEqualTo(2);
        }

        @Test
        void eachReasonIsReported() {
            assertThat(pass(3, 0)
                            .revoked(DURING, "misuse")
                            .verdict("ds-one", "activity", DURING)
                            .reason())
                    .isEqualTo(PassVerdict.PASS_REVOKED);
            assertThat(pass(3, 0).verdict("ds-one", "activity", EXPIRES).reason())
                    .isEqualTo(PassVerdict.PASS_EXPIRED);
            assertThat(pass(3, 3).verdict("ds-one", "activity", DURING).reason())
                    .isEqualTo(PassVerdict.ROUNDS_EXHAUSTED);
            assertThat(pass(3, 0).verdict("ds-two", "activity", DURING).reason())
                    .isEqualTo(PassVerdict.DATASET_MISMATCH);
            assertThat(pass(3, 0).verdict("ds-one", "marketing", DURING).reason())
                    .isEqualTo(PassVerdict.PURPOSE_MISMATCH);
        }

        @Test
        void chargingUsesOneRound() {
            AccessPass p = pass(2, 0).charged().charged();
            assertThat(p.roundsUsed()).isEqualTo(2);
            assertThat(p.verdict("ds-one", "activity", DURING).valid()).isFalse();
        }
    }

    @Test
    void recordsRoundTripThroughCanonicalJsonWithoutDerivedFields() {
        AccessPass p = pass(3, 1);
        String json = CanonicalJson.write(p);
        assertThat(json).doesNotContain("roundsRemaining");
        assertThat(CanonicalJson.read(json, AccessPass.class)).isEqualTo(p);

        CollaborationRequest request = new CollaborationRequest(
                "req-1", "DataUserMSP", List.of("ds-one"), "activity", "fedavg", 3, EXPIRES, "0f".repeat(16));
        RequestRecord record = new RequestRecord(request, "3045", "x509::CN=user", ISSUED, "tx1", List.of())
                .withDecision(new AccessDecision(
                        "ds-one", DecisionOutcome.GRANTED, p.passId(), null, "Org1MSP", DURING, "tx2"));
        String recordJson = CanonicalJson.write(record);
        assertThat(CanonicalJson.read(recordJson, RequestRecord.class)).isEqualTo(record);
        assertThat(record.decisionFor("ds-one")).isPresent();
        assertThat(recordJson).doesNotContain("decisionFor");
    }
}
