package org.fdcfabric.datacenter.ucl;

import java.util.Optional;
import org.fdcfabric.protocol.LedgerRefusal;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;

/**
 * Where UCLs are registered: the registration channel, reached through the gateway client. The data center
 * depends only on this port, so it is tested against an honest in-memory registry and runs against the chain.
 * Refusals are {@link LedgerRefusal}s carrying the registry's code ({@code DATASET_EXISTS}, {@code NOT_OWNER}, ...;
 * {@code REGISTRY_UNAVAILABLE} when the chain cannot be reached).
 */
public interface UclRegistry {

    /** Registers a new dataset; fails if the id is taken. Returns version 1 as registered. */
    Ucl register(UclDraft draft);

    /** Registers a new version of the caller's dataset; fails if it does not exist or belongs to another owner. */
    Ucl update(UclDraft draft);

    /** The latest version, if registered. */
    Optional<Ucl> find(String datasetId);
}
