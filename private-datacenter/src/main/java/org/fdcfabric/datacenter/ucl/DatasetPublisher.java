package org.fdcfabric.datacenter.ucl;

import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.store.DatasetStore;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * Publishes a governed dataset: keeps its records and manifest in the store first (so every registered root
 * can be proved from local data), then registers it, or registers a new version if the id is already there.
 */
public final class DatasetPublisher {
    private final DatasetStore datasets;
    private final UclRegistry registry;
    private final UclGenerator generator;

    public DatasetPublisher(DatasetStore datasets, UclRegistry registry, UclGenerator generator) {
        this.datasets = datasets;
        this.registry = registry;
        this.generator = generator;
    }

    public Ucl publish(GovernedDataset dataset, Publication publication) {
        UclGenerator.Generated generated = generator.generate(dataset, publication);
        DatasetManifest manifest = new DatasetManifest(
                dataset.id(),
                dataset.schema(),
                dataset.standardization(),
                dataset.report(),
                generated.records().size(),
                generated.draft().merkleRoot());
        datasets.save(dataset.id(), CanonicalJson.write(manifest), generated.records());
        return registry.find(dataset.id()).isPresent()
                ? registry.update(generated.draft())
                : registry.register(generated.draft());
    }
}
