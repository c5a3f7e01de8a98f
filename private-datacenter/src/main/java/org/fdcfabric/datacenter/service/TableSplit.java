package org.fdcfabric.datacenter.service;

import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.datacenter.store.TableManifest;
import org.fdcfabric.datacenter.store.TableRecord;
import org.fdcfabric.datacenter.store.TableStore;
import org.fdcfabric.learning.tabular.TabularRows;
import org.fdcfabric.protocol.merkle.MerkleRootBuilder;

/**
 * An imported table's rows split into the train and test sets a center offers, the table counterpart of {@link
 * DatasetSplit}: a table has no subjects, so each row is placed by its own content. A row goes to the test set when
 * its Merkle leaf hash (SHA-256 of its {@link TableRecord}), read as a number, falls in the first {@code testPercent}
 * of a hundred. The split is reproducible whatever the rows' order and on every restart, and identical rows (a
 * duplicate in the file) always land on the same side, so no row is both trained on and tested on.
 *
 * <p>The same pass recomputes the table's Merkle root, so a center serves exactly the rows its UCL commits to: a
 * store whose rows no longer give the manifest's root (a chunk lost) is refused.
 */
public final class TableSplit {
    private TableSplit() {}

    /**
     * Loads the table (one pass over its sealed chunks, the rows held once) and splits it.
     *
     * @throws IllegalArgumentException if the stored rows do not give the manifest's row count and root, or a split
     *     would be empty
     */
    public static CenterDataset byRowContent(TableStore tables, TableManifest manifest, int testPercent) {
        if (testPercent < 1 || testPercent > 99) {
            throw new IllegalArgumentException("the test share must be 1-99 percent, not " + testPercent);
        }
        String id = manifest.datasetId();
        TabularRows.Builder train = TabularRows.builder(manifest.schema());
        TabularRows.Builder test = TabularRows.builder(manifest.schema());
        MerkleRootBuilder merkle = new MerkleRootBuilder();
        tables.forEach(id, (cells, label) -> {
            byte[] leaf = merkle.add(TableRecord.of(cells, label).canonicalBytes());
            (inTest(leaf, testPercent) ? test : train).add(cells, label);
        });
        if (merkle.leafCount() != manifest.rowCount() || !merkle.rootHex().equals(manifest.merkleRoot())) {
            throw new IllegalArgumentException("table " + id + " in the store holds " + merkle.leafCount()
                    + " rows with Merkle root " + (merkle.leafCount() == 0 ? "(none)" : merkle.rootHex())
                    + " but was imported with " + manifest.rowCount() + " rows and root " + manifest.merkleRoot()
                    + "; import it again");
        }
        if (train.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("table " + id + " gives " + train.size() + " training and " + test.size()
                    + " test rows at " + testPercent + "% held out; both splits need some");
        }
        return new CenterDataset(id, train.build(), test.build());
    }

    /** The leaf's first eight bytes as an unsigned number, modulo 100, below the share. */
    static boolean inTest(byte[] leafHash, int testPercent) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (leafHash[i] & 0xFF);
        }
        return Long.remainderUnsigned(value, 100) < testPercent;
    }
}
