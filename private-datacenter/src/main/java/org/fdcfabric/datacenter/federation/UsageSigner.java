package org.fdcfabric.datacenter.federation;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.fdcfabric.protocol.job.RoundUsage;
import org.fdcfabric.protocol.job.UsageSignature;
import org.fdcfabric.protocol.job.UsageSignatures;

/**
 * Signs this center's word that it trained in a round, with a center key its organisation registered on chain
 * ({@code job:RegisterCenterKey}): the chain records a contribution only with it.
 */
public interface UsageSigner {
    UsageSignature sign(RoundUsage usage);

    /** Signs with {@code key}, the private key of {@code certificate}. */
    static UsageSigner of(PrivateKey key, X509Certificate certificate) {
        return of(key, UsageSignatures.fingerprint(certificate));
    }

    /**
     * Signs with {@code key}, naming the signer {@code centerKey}: the chain only accepts the fingerprint of a
     * registered certificate; runs that never reach a chain (experiments) may name the key otherwise.
     */
    static UsageSigner of(PrivateKey key, String centerKey) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(centerKey, "centerKey");
        return usage -> UsageSignatures.sign(key, centerKey, usage);
    }
}
