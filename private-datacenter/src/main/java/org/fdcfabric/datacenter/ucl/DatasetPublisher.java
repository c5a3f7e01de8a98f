package org.fdcfabric.datacenter.ucl;

import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.store.DatasetStore;
import org.fdcfabric.datacenter.store.TableManifest;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;

/**
 * Publishes a governed dataset or an imported table. A governed dataset: keeps its records and manifest in the store first (so every registered root
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
        return register(generated.draft());
    }

    /**
     * Publishes an imported table: its UCL commits to the table's rows as stored (row count and the Merkle root
     * over their {@link org.fdcfabric.datacenter.store.TableRecord}s), with the schema the rows were read against.
     */
    public Ucl publish(TableManifest table, Publication publication) {
        UclDraft draft = new UclDraft(
                table.datasetId(),
                publication.name(),
                publication.profile(),
                table.schema(),
                table.rowCount(),
                table.merkleRoot(),
                table.rowCount(),
                publication.address(),
                publication.terms());
        UclRules.validate(draft);
        return register(draft);
    }

    private Ucl register(UclDraft draft) {
        return registry.find(draft.id()).isPresent() ? registry.update(draft) : registry.register(draft);
    }
}
