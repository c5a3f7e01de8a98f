package org.fdcfabric.devnet.msp;

import org.fdcfabric.msp.IssuedIdentity;

/**
 * Signs as one of the devnet's own nodes (an org's endorsing peer) and enters each signature in the channel MSPs'
 * memory of checked signatures, so that the committer, checking the endorsement over the very same bytes, does not
 * repeat the elliptic-curve work. Signatures that arrive from anyone else are still verified.
 */
public final class NodeSigner {
    private final IssuedIdentity node;
    private final byte[] certificateId;
    private final SignatureChecks checks;

    NodeSigner(IssuedIdentity node, SignatureChecks checks) {
        this.node = node;
        this.certificateId = CertificateIds.sha256(node.certificate());
        this.checks = checks;
    }

    public IssuedIdentity identity() {
        return node;
    }

    /** Low-S deterministic ECDSA over SHA-256 with the node's key ({@link IssuedIdentity#sign}). */
    public byte[] sign(byte[] message) {
        byte[] signature = node.sign(message);
        checks.rememberOwn(certificateId, message, signature);
        return signature;
    }
}
