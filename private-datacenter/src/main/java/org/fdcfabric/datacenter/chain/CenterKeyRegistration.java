package org.fdcfabric.datacenter.chain;

import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.job.JobClient;
import org.fdcfabric.client.profile.SigningMaterial;
import org.fdcfabric.datacenter.federation.UsageSigner;

/**
 * A center signs round usage with the identity it talks to the chain with: registering that identity's
 * certificate through a transaction the identity itself signs ({@code job:RegisterCenterKey}) makes it a key its
 * organisation vouches for, and the chain then accepts the center's signatures on the rounds it trains in.
 */
public final class CenterKeyRegistration {
    private CenterKeyRegistration() {}

    /**
     * Registers {@code identity} (idempotent) through {@code jobs}, which must submit as that identity, and returns
     * the signer that uses it.
     */
    public static UsageSigner register(JobClient jobs, SigningMaterial identity) {
        try {
            jobs.registerCenterKey();
        } catch (FdcClientException e) {
            throw new IllegalStateException(
                    "cannot register " + identity.name() + "'s certificate as a center key: " + e.getMessage(), e);
        }
        return UsageSigner.of(identity.privateKey(), identity.certificate());
    }
}
