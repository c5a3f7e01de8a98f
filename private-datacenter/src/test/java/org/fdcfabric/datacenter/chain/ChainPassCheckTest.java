package org.fdcfabric.datacenter.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.client.audit.AuditClient;
import org.fdcfabric.client.job.JobClient;
import org.fdcfabric.datacenter.federation.PassClearance;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.junit.jupiter.api.Test;

/** The typed clients are mocked: what is asked of the chain, and how often, is what this class decides. */
class ChainPassCheckTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String PURPOSE = "activity recognition";

    private final JobClient jobs = mock(JobClient.class);
    private final ChainPassCheck check = new ChainPassCheck(jobs, mock(AuditClient.class));

    private static TrainingJob job(List<Participant> participants) {
        JobOffer offer = new JobOffer(
                "job-1",
                List.of("wear-1", "wear-2"),
                PURPOSE,
                1,
                1_000,
                100,
                "ComputeMSP",
                new ModelSpec("mlp", Map.of("hidden", "8")),
                3,
                NOW.plusSeconds(86_400));
        return new TrainingJob(offer, "DataUserMSP", "dave", JobStatus.RUNNING, participants, 0, NOW, NOW, null);
    }

    private static TrainingJob acceptedByWear1() {
        return job(List.of(new Participant("wear-1", "Provider1MSP", "pass-1", 40, NOW, "tx")));
    }

    private static PassVerdict verdict(boolean valid, String reason) {
        return new PassVerdict("pass-1", "wear-1", PURPOSE, valid, reason, valid ? 3 : 0, NOW.plusSeconds(60), NOW);
    }

    @Test
    void theJobIsReadOnceButThePassAndTheJobsStatusAreJudgedByTheChainAtEveryCall() throws Exception {
        when(jobs.job("job-1")).thenReturn(Optional.of(acceptedByWear1()));
        when(jobs.verifyParticipation("job-1", "wear-1", PURPOSE))
                .thenReturn(verdict(true, null), verdict(true, null), verdict(false, PassVerdict.PASS_REVOKED));

        PassClearance first = check.verifyPass("job-1", "wear-1", PURPOSE);
        PassClearance second = check.verifyPass("job-1", "wear-1", PURPOSE);
        PassClearance third = check.verifyPass("job-1", "wear-1", PURPOSE);

        assertThat(first.valid()).isTrue();
        assertThat(first.computeMsp()).isEqualTo("ComputeMSP");
        assertThat(second.valid()).isTrue();
        assertThat(second.computeMsp()).isEqualTo("ComputeMSP");
        assertThat(third.valid()).as("revoked on chain between two rounds").isFalse();
        assertThat(third.reason()).isEqualTo(PassVerdict.PASS_REVOKED);
        verify(jobs, times(1)).job("job-1");
        verify(jobs, times(3)).verifyParticipation("job-1", "wear-1", PURPOSE);
    }

    @Test
    void aJobThatStoppedRunningIsRefusedAtTheNextCallThoughItsAcceptanceIsKept() throws Exception {
        when(jobs.job("job-1")).thenReturn(Optional.of(acceptedByWear1()));
        when(jobs.verifyParticipation("job-1", "wear-1", PURPOSE))
                .thenReturn(verdict(true, null), verdict(false, ErrorCode.JOB_NOT_RUNNING.name()));

        PassClearance running = check.verifyPass("job-1", "wear-1", PURPOSE);
        PassClearance completed = check.verifyPass("job-1", "wear-1", PURPOSE);

        assertThat(running.valid()).isTrue();
        assertThat(completed.valid())
                .as("completed or cancelled on chain between two calls")
                .isFalse();
        assertThat(completed.reason()).isEqualTo("JOB_NOT_RUNNING");
        verify(jobs, times(1)).job("job-1");
    }

    @Test
    void aDatasetThatHasNotAcceptedYetIsAskedAboutAgain() throws Exception {
        when(jobs.job("job-1")).thenReturn(Optional.of(job(List.of())), Optional.of(acceptedByWear1()));
        when(jobs.verifyParticipation("job-1", "wear-1", PURPOSE)).thenReturn(verdict(true, null));

        PassClearance before = check.verifyPass("job-1", "wear-1", PURPOSE);
        PassClearance after = check.verifyPass("job-1", "wear-1", PURPOSE);

        assertThat(before.valid()).isFalse();
        assertThat(before.reason()).isEqualTo("NOT_A_PARTICIPANT");
        assertThat(after.valid()).isTrue();
        verify(jobs, times(2)).job("job-1");
    }

    @Test
    void anUnknownJobIsRefusedAndAskedAboutAgain() throws Exception {
        when(jobs.job("job-9")).thenReturn(Optional.empty());

        assertThat(check.verifyPass("job-9", "wear-1", PURPOSE).reason()).isEqualTo("JOB_NOT_FOUND");
        assertThat(check.verifyPass("job-9", "wear-1", PURPOSE).reason()).isEqualTo("JOB_NOT_FOUND");
        verify(jobs, times(2)).job("job-9");
    }
}
