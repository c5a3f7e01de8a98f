package org.fdcfabric.experiment.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.RoundReport;
import org.fdcfabric.metrics.MetricsBinding;
import org.fdcfabric.metrics.MetricsDoc;
import org.fdcfabric.metrics.MetricsEndpoint;
import org.fdcfabric.metrics.Scrape;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's meters, scraped over real HTTP after a real job with one refusing center. */
class CoordinatorMetricsTest {
    private static final int ROUNDS = 2;

    @TempDir
    Path dir;

    @Nested
    class AfterAJob {
        @Test
        void roundsParticipantsAbsencesAndBytesMatchTheJobsResult() throws Exception {
            try (Harness h = new Harness("metrics", 3, dir);
                    MetricsEndpoint endpoint = MetricsEndpoint.start(MetricsBinding.loopback(0), h.meters)) {
                h.job("job-m", ROUNDS, Harness.plan(7, 2, Duration.ofSeconds(20), 0));
                h.ledger.revokePass("job-m", "center-c");
                JobResult result = h.coordinator().run("job-m");

                Scrape scrape = Scrape.of(endpoint.uri());

                assertThat(result.rounds()).hasSize(ROUNDS);
                assertThat(scrape.sum("fdc_coordinator_round_seconds_count")).isEqualTo(ROUNDS);
                assertThat(scrape.sum("fdc_coordinator_round_seconds_sum")).isPositive();
                assertThat(scrape.sum("fdc_coordinator_overhead_seconds_count")).isEqualTo(ROUNDS);
                assertThat(scrape.sum("fdc_coordinator_participants_count")).isEqualTo(ROUNDS);
                assertThat(scrape.sum("fdc_coordinator_participants_sum")).isEqualTo(2.0 * ROUNDS);
                assertThat(scrape.sum("fdc_coordinator_absences_total", "kind", "refused"))
                        .isEqualTo(ROUNDS);
                assertThat(scrape.sum("fdc_coordinator_absences_total", "kind", "straggler"))
                        .isZero();
                assertThat(scrape.sum("fdc_coordinator_sent_bytes_total"))
                        .isEqualTo(result.rounds().stream()
                                .mapToLong(RoundReport::bytesOut)
                                .sum());
                assertThat(scrape.sum("fdc_coordinator_received_bytes_total"))
                        .isEqualTo(result.rounds().stream()
                                .mapToLong(RoundReport::bytesIn)
                                .sum());
                assertThat(scrape.text()).as("no per-job labels").doesNotContain("job-m");
                assertThat(MetricsDoc.undocumented(scrape))
                        .as("missing from docs/metrics.md")
                        .isEmpty();
            }
        }
    }
}
