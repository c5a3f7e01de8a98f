package org.fdcfabric.compute.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlanTermsTest {
    private static TrainingPlan plan(ModelArchitecture spec) {
        return new TrainingPlan(spec, 2, 0.05, 16, 0.01, 0.5, 2, Duration.ofSeconds(90), 0.001, 2019);
    }

    @Nested
    class RoundTrip {
        @Test
        void aLogisticPlanComesBackFromTheOfferAsItWent() {
            TrainingPlan plan = plan(ModelArchitecture.logistic(180, 4));

            assertThat(PlanTerms.fromOffer(PlanTerms.toOffer(plan), 180, 4)).isEqualTo(plan);
        }

        @Test
        void anMlpKeepsItsHiddenLayersAndAnFmItsFactors() {
            TrainingPlan mlp = plan(ModelArchitecture.mlp(180, List.of(64, 32), 4));
            TrainingPlan fm = plan(ModelArchitecture.fm(180, 4, 8));

            assertThat(PlanTerms.fromOffer(PlanTerms.toOffer(mlp), 180, 4)).isEqualTo(mlp);
            assertThat(PlanTerms.fromOffer(PlanTerms.toOffer(fm), 180, 4)).isEqualTo(fm);
        }

        @Test
        void standardizationIsATermAndItsAbsenceMeansNone() {
            TrainingPlan standardized = plan(ModelArchitecture.logistic(180, 4)).withPreprocess(Scaling.STANDARDIZE);
            ModelSpec offer = PlanTerms.toOffer(standardized);

            assertThat(offer.hyperparameters()).containsEntry("preprocess", "standardize");
            assertThat(PlanTerms.fromOffer(offer, 180, 4)).isEqualTo(standardized);
            assertThat(PlanTerms.toOffer(plan(ModelArchitecture.logistic(180, 4)))
                            .hyperparameters())
                    .doesNotContainKey("preprocess");
            Map<String, String> bad = new TreeMap<>(offer.hyperparameters());
            bad.put("preprocess", "minmax");
            assertThatThrownBy(() -> PlanTerms.fromOffer(new ModelSpec("logistic", bad), 180, 4))
                    .hasMessage("the job's preprocess must be standardize or none: minmax");
        }

        /** The chain stores the offer as canonical JSON (no floats) and checks its format. */
        @Test
        void theOfferIsValidCanonicalJson() {
            ModelSpec model = PlanTerms.toOffer(plan(ModelArchitecture.logistic(180, 4)));
            JobOffer offer = new JobOffer(
                    "job-1", List.of("school-a"), "p", 1, 10, 1, "ComputeMSP", model, 3, java.time.Instant.EPOCH);

            JobRules.validateOffer(offer);
            assertThat(CanonicalJson.read(CanonicalJson.write(model), ModelSpec.class))
                    .isEqualTo(model);
            assertThat(model.hyperparameters())
                    .containsEntry("learningRate", "0.05")
                    .containsEntry("roundDeadlineMillis", "90000");
        }
    }

    @Nested
    class FromOffer {
        @Test
        void aMissingParameterIsNamed() {
            Map<String, String> params = new TreeMap<>(
                    PlanTerms.toOffer(plan(ModelArchitecture.logistic(180, 4))).hyperparameters());
            params.remove("seed");

            assertThatThrownBy(() -> PlanTerms.fromOffer(new ModelSpec("logistic", params), 180, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("seed");
        }

        @Test
        void aMalformedNumberIsNamed() {
            Map<String, String> params = new TreeMap<>(
                    PlanTerms.toOffer(plan(ModelArchitecture.logistic(180, 4))).hyperparameters());
            params.put("batchSize", "many");

            assertThatThrownBy(() -> PlanTerms.fromOffer(new ModelSpec("logistic", params), 180, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batchSize");
        }

        @Test
        void anUnknownFamilyIsRejected() {
            assertThatThrownBy(() -> PlanTerms.fromOffer(new ModelSpec("forest", Map.of()), 180, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("forest");
        }
    }
}
