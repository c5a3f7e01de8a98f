package org.fdcfabric.datacenter.chain;

import java.util.Optional;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.registration.RegistrationClient;
import org.fdcfabric.datacenter.ucl.UclRegistry;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.LedgerRefusal;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;

/** {@link UclRegistry} on the registration channel, as the center's own organisation. */
public final class ChainUclRegistry implements UclRegistry {
    private final RegistrationClient registration;

    public ChainUclRegistry(RegistrationClient registration) {
        this.registration = registration;
    }

    @Override
    public Ucl register(UclDraft draft) {
        try {
            return registration.register(draft).value();
        } catch (FdcClientException e) {
            throw failure("register", draft.id(), e);
        }
    }

    @Override
    public Ucl update(UclDraft draft) {
        try {
            return registration.update(draft).value();
        } catch (FdcClientException e) {
            throw failure("update", draft.id(), e);
        }
    }

    @Override
    public Optional<Ucl> find(String datasetId) {
        try {
            return registration.dataset(datasetId);
        } catch (FdcClientException e) {
            throw failure("read", datasetId, e);
        }
    }

    /** A chaincode refusal keeps its stable code; a network failure is {@code REGISTRY_UNAVAILABLE}. */
    private static RuntimeException failure(String action, String datasetId, FdcClientException e) {
        String code = e instanceof ChaincodeRejected rejected ? rejected.code() : ErrorCode.REGISTRY_UNAVAILABLE.name();
        return new LedgerRefusal(code, "cannot " + action + " dataset " + datasetId + ": " + e.getMessage(), e);
    }
}
