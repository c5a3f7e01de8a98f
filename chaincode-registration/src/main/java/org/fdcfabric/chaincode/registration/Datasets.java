package org.fdcfabric.chaincode.registration;

import java.util.List;
import java.util.Optional;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Page;
import org.fdcfabric.chaincode.support.PageRequest;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * The UCL registry in world tx. Invariant: {@code ucl~{id}} and {@code uclver~{id}~{current version}} hold
 * the same record, and {@code uclowner~{owner}~{id}} exists for every dataset.
 */
final class Datasets {
    static final int MAX_VERSIONS = 1000;

    private final Tx tx;

    Datasets(Tx tx) {
        this.tx = tx;
    }

    Optional<Ucl> current(String datasetId) {
        return tx.read(tx.key(Keys.UCL, datasetId), Ucl.class);
    }

    Ucl require(String datasetId) {
        return current(datasetId)
                .orElseThrow(() ->
                        Refusals.refuse(ErrorCode.DATASET_NOT_FOUND, "dataset " + datasetId + " is not registered"));
    }

    boolean exists(String datasetId) {
        return tx.exists(tx.key(Keys.UCL, datasetId));
    }

    Optional<Ucl> version(String datasetId, int version) {
        return tx.read(versionKey(datasetId, version), Ucl.class);
    }

    void register(Ucl ucl) {
        store(ucl);
        tx.write(tx.key(Keys.UCL_BY_OWNER, ucl.ownerMsp(), ucl.id()), new OwnerIndexEntry(ucl.id()));
    }

    /** Stores a new version, or a new status of the current one: both the current record and its version. */
    void store(Ucl ucl) {
        tx.write(tx.key(Keys.UCL, ucl.id()), ucl);
        tx.write(versionKey(ucl.id(), ucl.version()), ucl);
    }

    /** A page of every dataset in id order. */
    Page<Ucl> list(PageRequest request) {
        return tx.page(Ucl.class, request, Keys.UCL);
    }

    /** A page of the datasets {@code ownerMsp} owns, in id order. */
    Page<Ucl> listOwnedBy(String ownerMsp, PageRequest request) {
        Page<OwnerIndexEntry> index = tx.page(OwnerIndexEntry.class, request, Keys.UCL_BY_OWNER, ownerMsp);
        List<Ucl> datasets = index.items().stream()
                .map(entry -> current(entry.datasetId())
                        .orElseThrow(() -> Refusals.refuse(
                                ErrorCode.CORRUPT_STATE,
                                "the owner index names dataset " + entry.datasetId() + ", which is missing")))
                .toList();
        return new Page<>(datasets, index.bookmark());
    }

    /** A page of a dataset's versions, oldest first. */
    Page<Ucl> versions(String datasetId, PageRequest request) {
        return tx.page(Ucl.class, request, Keys.UCL_VERSION, datasetId);
    }

    private String versionKey(String datasetId, int version) {
        return tx.key(Keys.UCL_VERSION, datasetId, Keys.sequence(version));
    }
}
