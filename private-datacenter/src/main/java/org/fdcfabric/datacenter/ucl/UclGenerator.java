package org.fdcfabric.datacenter.ucl;

import java.util.List;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.protocol.merkle.MerkleTree;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;

/** Builds a dataset's UCL draft: schema, record count and the Merkle root over its canonical records. */
public final class UclGenerator {

    /** The draft and the records it commits to, in leaf order. */
    public record Generated(UclDraft draft, List<byte[]> records, MerkleTree tree) {}

    public Generated generate(GovernedDataset dataset, Publication publication) {
        UclRules.datasetId(dataset.id());
        List<byte[]> records = dataset.canonicalRecords();
        MerkleTree tree = MerkleTree.of(records);
        UclDraft draft = new UclDraft(
                dataset.id(),
                publication.name(),
                publication.profile(),
                dataset.schema(),
                records.size(),
                tree.rootHex(),
                tree.leafCount(),
                publication.address(),
                publication.terms());
        UclRules.validate(draft);
        return new Generated(draft, records, tree);
    }
}
