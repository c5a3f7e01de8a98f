package org.fdcfabric.experiment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.job.ModelProvenance;

/**
 * Saves the baselines' models as the coordinator saves the federated one ({@code <name>/final.model} and {@code
 * final.provenance.json}, through the same {@link ModelStore}), so that any of them can be scored elsewhere with
 * its preprocessing ({@code fdc model evaluate}).
 */
final class SavedModels {
    private final ModelStore store;
    private final TrainingPlan plan;
    private final Preprocessing preprocessing;
    private final Set<String> datasets = new java.util.TreeSet<>();

    SavedModels(ModelStore store, TrainingPlan plan, Preprocessing preprocessing, List<String> datasetIds) {
        this.store = store;
        this.plan = plan;
        this.preprocessing = preprocessing;
        this.datasets.addAll(datasetIds);
    }

    Set<String> datasets() {
        return datasets;
    }

    /**
     * @param name the model's directory and the provenance's job id: {@code centralized} or {@code local-<dataset>}
     * @param learnedFrom the datasets whose rows trained it
     */
    void save(String name, ModelWeights model, List<String> learnedFrom, int epochs) {
        String hash = ModelCodec.hash(model);
        store.saveFinal(
                name,
                model,
                new ModelProvenance(
                        name,
                        "fdc-fabric experiment baseline (" + name + ") over a "
                                + plan.spec().family().wireName() + " trainer",
                        plan.spec().family().wireName(),
                        plan.spec().hidden(),
                        plan.spec().factors(),
                        plan.spec().featureCount(),
                        plan.spec().outputCount(),
                        model.schemaHash(),
                        epochs,
                        BigDecimal.valueOf(plan.learningRate()).toPlainString(),
                        plan.batchSize(),
                        "0",
                        null,
                        null,
                        null,
                        null,
                        plan.seed(),
                        "initial model: ModelInitializer(seed); shuffling: the trainer's, seeded by seed",
                        learnedFrom.stream()
                                .map(id -> new ModelProvenance.UclLineage(id, "experiment", "0".repeat(64)))
                                .toList(),
                        List.of(),
                        hash,
                        null,
                        preprocessing.hash(),
                        preprocessing.transform()));
    }
}
