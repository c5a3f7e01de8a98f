package org.fdcfabric.compute.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.fdcfabric.protocol.job.JobRules;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void namesTheAttemptsAndTheLastErrorsTypeAndFirstLine() {
        String reason = FailureReason.of(
                3, new IllegalStateException("round 2 below quorum\n\tat secret.Path(Key.java:1)", new Error("cause")));

        assertThat(reason).isEqualTo("3 attempts failed, the last with IllegalStateException: round 2 below quorum");
        JobRules.validateFailureReason(reason);
    }

    @Test
    void aMessagelessErrorStillGivesAValidReason() {
        String reason = FailureReason.of(1, new NullPointerException());

        assertThat(reason).isEqualTo("1 attempts failed, the last with NullPointerException");
        JobRules.validateFailureReason(reason);
    }

    @Test
    void controlCharactersAreReplacedAndLongMessagesCutToTheChainsLimit() {
        String reason = FailureReason.of(2, new RuntimeException("a\rb\u0007" + "x".repeat(1_000)));

        assertThat(reason)
                .hasSize(JobRules.MAX_REASON_CHARS)
                .startsWith("2 attempts failed, the last with RuntimeException: a b x")
                .endsWith("…");
        JobRules.validateFailureReason(reason);
    }
}
