package org.fdcfabric.compute.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.TrainingJob;
import org.junit.jupiter.api.Test;

/** The compute node starts a job only when the data user's whole offer is in place: every dataset accepted. */
class StartableTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private static TrainingJob job(String... accepted) {
        JobOffer offer = new JobOffer(
                "job-1",
                List.of("ds-a", "ds-b", "ds-c"),
                "p",
                1,
                100,
                10,
                "ComputeMSP",
                new ModelSpec("mlp", Map.of()),
                3,
                T.plusSeconds(86_400));
        List<Participant> participants = java.util.Arrays.stream(accepted)
                .map(id -> new Participant(id, "Org-" + id, "pass-" + id, 10, T, "tx-" + id))
                .toList();
        return new TrainingJob(offer, "DataUserMSP", "x509::CN=dave", JobStatus.OPEN, participants, 0, T, null, null);
    }

    @Test
    void waitsUntilEveryDatasetAccepted() {
        assertThat(ComputeService.startable(job())).isFalse();
        assertThat(ComputeService.startable(job("ds-a", "ds-c"))).isFalse();
        assertThat(ComputeService.startable(job("ds-c", "ds-a", "ds-b"))).isTrue();
    }
}
