package org.fdcfabric.chaincode.registration;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclRules;

/**
 * The UCL registry in world state. Invariant: {@code ucl~{id}} and {@code uclver~{id}~{current version}} hold
 * the same record, and {@code uclowner~{owner}~{id}} exists for every dataset.
 */
final class Datasets {
    static final int MAX_VERSIONS = 1000;
    static final Pattern VERSION_BOOKMARK = Pattern.compile("[0-9]{19}");

    private final State state;

    Datasets(State state) {
        this.state = state;
    }

    Optional<Ucl> current(String datasetId) {
        return state.read(state.key(Keys.UCL, datasetId), Ucl.class);
    }

    Ucl require(String datasetId) {
        return current(datasetId)
                .orElseThrow(
                        () -> RegistrationError.DATASET_NOT_FOUND.error("dataset " + datasetId + " is not registered"));
    }

    boolean exists(String datasetId) {
        return state.exists(state.key(Keys.UCL, datasetId));
    }

    Optional<Ucl> version(String datasetId, int version) {
        return state.read(versionKey(datasetId, version), Ucl.class);
    }

    void register(Ucl ucl) {
        store(ucl);
        state.write(state.key(Keys.UCL_BY_OWNER, ucl.ownerMsp(), ucl.id()), new OwnerIndexEntry(ucl.id()));
    }

    /** Stores a new version, or a new status of the current one: both the current record and its version. */
    void store(Ucl ucl) {
        state.write(state.key(Keys.UCL, ucl.id()), ucl);
        state.write(versionKey(ucl.id(), ucl.version()), ucl);
    }

    /** A page of every dataset in id order. */
    Page<Ucl> list(PageRequest request) {
        return state.page(Ucl.class, request, Keys.UCL);
    }

    /** A page of the datasets {@code ownerMsp} owns, in id order. */
    Page<Ucl> listOwnedBy(String ownerMsp, PageRequest request) {
        Page<OwnerIndexEntry> index = state.page(OwnerIndexEntry.class, request, Keys.UCL_BY_OWNER, ownerMsp);
        List<Ucl> datasets = index.items().stream()
                .map(entry -> current(entry.datasetId())
                        .orElseThrow(() -> RegistrationError.CORRUPT_STATE.error(
                                "the owner index names dataset " + entry.datasetId() + ", which is missing")))
                .toList();
        return new Page<>(datasets, index.bookmark());
    }

    /** A page of a dataset's versions, oldest first. */
    Page<Ucl> versions(String datasetId, PageRequest request) {
        return state.page(Ucl.class, request, Keys.UCL_VERSION, datasetId);
    }

    static Pattern datasetBookmark() {
        return UclRules.DATASET_ID;
    }

    private String versionKey(String datasetId, int version) {
        return state.key(Keys.UCL_VERSION, datasetId, Keys.number(version));
    }
}
