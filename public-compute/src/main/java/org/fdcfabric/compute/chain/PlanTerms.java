package org.fdcfabric.compute.chain;

import java.time.Duration;
import org.fdcfabric.compute.job.AggregationPlan;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.TrainingTerms;

/**
 * A training plan as a job offer carries it on chain, through the typed {@link TrainingTerms}: the model family and
 * every hyperparameter of the plan (aggregation, server optimizer and learning-rate schedule written only when not
 * the plain default), so the data user's offer fixes how the providers' data will be used. The model's input and
 * output sizes are not written: they follow from the datasets' registered schema.
 */
public final class PlanTerms {
    private PlanTerms() {}

    /** The plan's terms. */
    public static TrainingTerms terms(TrainingPlan plan) {
        AggregationPlan aggregation = plan.aggregation();
        return new TrainingTerms(
                plan.spec().family().wireName(),
                plan.spec().hidden(),
                plan.spec().factors(),
                plan.localEpochs(),
                plan.learningRate(),
                plan.batchSize(),
                plan.proxMu(),
                plan.clientFraction(),
                plan.minQuorum(),
                plan.roundDeadline().toMillis(),
                plan.epsilon(),
                plan.seed(),
                aggregation.secure(),
                aggregation.aggregator().text(),
                aggregation.secureThreshold(),
                plan.serverOptimizer(),
                plan.schedule());
    }

    /** The offer's {@code model} for this plan. */
    public static ModelSpec toOffer(TrainingPlan plan) {
        return terms(plan).toModelSpec();
    }

    /**
     * Reads the plan back from an offer's model for a schema of {@code features} inputs and {@code outputs}
     * outputs.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or malformed
     */
    public static TrainingPlan fromOffer(ModelSpec model, int features, int outputs) {
        ModelFamily family = ModelFamily.fromWireName(model.family());
        TrainingTerms t = TrainingTerms.fromModelSpec(model);
        return new TrainingPlan(
                new ModelArchitecture(family, t.hidden(), t.factors(), features, outputs),
                t.localEpochs(),
                t.learningRate(),
                t.batchSize(),
                t.proxMu(),
                t.clientFraction(),
                t.minQuorum(),
                Duration.ofMillis(t.roundDeadlineMillis()),
                t.epsilon(),
                t.seed(),
                AggregationPlan.of(t.secure(), t.aggregator(), t.secureThreshold()),
                t.serverOptimizer(),
                t.schedule());
    }
}
