package org.fdcfabric.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleKind;
import org.fdcfabric.protocol.job.TrainingTerms.ScheduleTerms;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerKind;
import org.fdcfabric.protocol.job.TrainingTerms.ServerOptimizerTerms;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrainingTermsTest {
    /** An offer's model exactly as offers were written before typed terms: it must keep parsing to the same terms. */
    private static final Map<String, String> OLD_WIRE = Map.of(
            "localEpochs", "2",
            "learningRate", "0.05",
            "batchSize", "16",
            "proxMu", "0.01",
            "clientFraction", "0.5",
            "minQuorum", "2",
            "roundDeadlineMillis", "90000",
            "epsilon", "0.001",
            "seed", "2019",
            "hidden", "64,32");

    private static TrainingTerms terms(ServerOptimizerTerms server, ScheduleTerms schedule) {
        return new TrainingTerms(
                "mlp",
                List.of(64, 32),
                0,
                2,
                0.05,
                16,
                0.01,
                0.5,
                2,
                90_000,
                0.001,
                2019,
                false,
                "fedavg",
                0,
                server,
                schedule);
    }

    @Nested
    class Wire {
        @Test
        void anOldOfferParsesAndIsWrittenBackByteForByte() {
            ModelSpec old = new ModelSpec("mlp", OLD_WIRE);
            TrainingTerms parsed = TrainingTerms.fromModelSpec(old);

            assertThat(parsed).isEqualTo(terms(ServerOptimizerTerms.NONE, ScheduleTerms.CONSTANT));
            assertThat(CanonicalJson.write(parsed.toModelSpec())).isEqualTo(CanonicalJson.write(old));
        }

        @Test
        void serverOptimizerAndScheduleRoundTrip() {
            for (TrainingTerms t : List.of(
                    terms(ServerOptimizerTerms.of(ServerOptimizerKind.FEDADAM, 0.01), ScheduleTerms.CONSTANT),
                    terms(
                            new ServerOptimizerTerms(ServerOptimizerKind.FEDYOGI, 0.03, 0.8, 0.995, 0.0001),
                            new ScheduleTerms(ScheduleKind.STEP, 5, 0.5, 0)),
                    terms(ServerOptimizerTerms.NONE, new ScheduleTerms(ScheduleKind.EXPONENTIAL, 0, 0.95, 0)),
                    terms(ServerOptimizerTerms.NONE, new ScheduleTerms(ScheduleKind.COSINE, 0, 0, 0.0005)))) {
                ModelSpec wire = t.toModelSpec();
                assertThat(TrainingTerms.fromModelSpec(CanonicalJson.read(CanonicalJson.write(wire), ModelSpec.class)))
                        .isEqualTo(t);
            }
        }

        @Test
        void theNewTermsAreDecimalStringsUnderTheirNames() {
            Map<String, String> p = terms(
                            ServerOptimizerTerms.of(ServerOptimizerKind.FEDADAM, 0.01),
                            new ScheduleTerms(ScheduleKind.STEP, 5, 0.5, 0))
                    .toModelSpec()
                    .hyperparameters();
            assertThat(p)
                    .containsEntry("serverOptimizer", "fedadam")
                    .containsEntry("serverLearningRate", "0.01")
                    .containsEntry("serverBeta1", "0.9")
                    .containsEntry("serverBeta2", "0.99")
                    .containsEntry("serverTau", "0.001")
                    .containsEntry("lrSchedule", "step")
                    .containsEntry("lrStepRounds", "5")
                    .containsEntry("lrDecay", "0.5")
                    .doesNotContainKey("lrMin");
            JobRules.validateOffer(new JobOffer(
                    "job-1",
                    List.of("school-a"),
                    "p",
                    1,
                    10,
                    1,
                    "ComputeMSP",
                    new ModelSpec("mlp", p),
                    3,
                    java.time.Instant.EPOCH));
        }

        @Test
        void badTermsAreNamed() {
            Map<String, String> p = new TreeMap<>(OLD_WIRE);
            p.put("serverOptimizer", "fedsgd");
            assertThatThrownBy(() -> TrainingTerms.fromModelSpec(new ModelSpec("mlp", p)))
                    .hasMessageContaining("serverOptimizer is 'fedsgd'");
            p.put("serverOptimizer", "fedadam");
            assertThatThrownBy(() -> TrainingTerms.fromModelSpec(new ModelSpec("mlp", p)))
                    .hasMessageContaining("names no serverLearningRate");
            p.remove("serverOptimizer");
            p.put("serverBeta1", "0.9");
            assertThatThrownBy(() -> TrainingTerms.fromModelSpec(new ModelSpec("mlp", p)))
                    .hasMessageContaining("sets serverBeta1 but names no serverOptimizer");
            p.remove("serverBeta1");
            p.put("lrSchedule", "step");
            p.put("lrStepRounds", "5");
            p.put("lrDecay", "1.5");
            assertThatThrownBy(() -> TrainingTerms.fromModelSpec(new ModelSpec("mlp", p)))
                    .hasMessageContaining("lrDecay must be in (0, 1], was 1.5");
            p.put("lrDecay", "often");
            assertThatThrownBy(() -> TrainingTerms.fromModelSpec(new ModelSpec("mlp", p)))
                    .hasMessageContaining("lrDecay is not a number");
            assertThatThrownBy(() -> new ServerOptimizerTerms(ServerOptimizerKind.FEDYOGI, 0.01, 1.0, 0.99, 1e-3))
                    .hasMessageContaining("serverBeta1 must be in [0, 1)");
        }
    }

    @Nested
    class Schedules {
        @Test
        void constantStepExponentialAndCosine() {
            assertThat(ScheduleTerms.CONSTANT.rateAt(0.1, 7, 20)).isEqualTo(0.1);
            ScheduleTerms step = new ScheduleTerms(ScheduleKind.STEP, 5, 0.5, 0);
            assertThat(step.rateAt(0.1, 1, 20)).isEqualTo(0.1);
            assertThat(step.rateAt(0.1, 5, 20)).isEqualTo(0.1);
            assertThat(step.rateAt(0.1, 6, 20)).isCloseTo(0.05, within(1e-15));
            assertThat(step.rateAt(0.1, 16, 20)).isCloseTo(0.0125, within(1e-15));
            ScheduleTerms exponential = new ScheduleTerms(ScheduleKind.EXPONENTIAL, 0, 0.9, 0);
            assertThat(exponential.rateAt(0.1, 1, 20)).isEqualTo(0.1);
            assertThat(exponential.rateAt(0.1, 3, 20)).isCloseTo(0.081, within(1e-15));
            ScheduleTerms cosine = new ScheduleTerms(ScheduleKind.COSINE, 0, 0, 0.01);
            assertThat(cosine.rateAt(0.1, 1, 10)).isCloseTo(0.1, within(1e-15));
            // halfway (r - 1 = R / 2): the mean of base and min
            assertThat(cosine.rateAt(0.1, 6, 10)).isCloseTo(0.055, within(1e-15));
            assertThat(cosine.rateAt(0.1, 10, 10)).isGreaterThan(0.01).isLessThan(0.0125);
            assertThatThrownBy(() -> cosine.rateAt(0.1, 0, 10)).hasMessageContaining("count from 1");
        }
    }
}
