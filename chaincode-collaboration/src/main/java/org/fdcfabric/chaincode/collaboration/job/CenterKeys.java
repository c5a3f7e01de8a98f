package org.fdcfabric.chaincode.collaboration.job;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.RoundUsage;
import org.fdcfabric.protocol.job.UsageSignature;
import org.fdcfabric.protocol.job.UsageSignatures;

/**
 * The certificates each organisation's data centers sign round usage with ({@code centerkey~{msp}~{fingerprint}}),
 * and the check that a contribution carries its center's word.
 */
final class CenterKeys {
    private final Tx tx;

    CenterKeys(Tx tx) {
        this.tx = tx;
    }

    /**
     * Keeps the caller's own certificate as a center key of the caller's organisation. The peers validated that
     * certificate against the organisation's MSP when they accepted the transaction, which is what makes it the
     * organisation's word. Registering a key again returns the kept record and writes nothing.
     */
    CenterKey register(X509Certificate certificate, AuditTrail audit) {
        if (Signatures.verifier(certificate.getPublicKey()).isEmpty()) {
            throw Refusals.refuse(ErrorCode.INVALID_CENTER_KEY, "a center key is an ECDSA P-256 certificate");
        }
        String msp = tx.caller().msp();
        String fingerprint = UsageSignatures.fingerprint(certificate);
        String key = key(msp, fingerprint);
        return tx.read(key, CenterKey.class).orElseGet(() -> {
            CenterKey registered = new CenterKey(
                    msp,
                    fingerprint,
                    UsageSignatures.pem(certificate),
                    tx.caller().id(),
                    tx.time(),
                    tx.txId());
            tx.write(key, registered);
            audit.append(Subjects.centerKeys(msp), "job:RegisterCenterKey", registered);
            return registered;
        });
    }

    CenterKey require(String msp, String fingerprint) {
        Refusals.checked(() -> InputChecks.matches(msp, InputChecks.MSP_ID, "INVALID_MSP_ID", "msp"));
        Refusals.checked(() -> InputChecks.matches(
                fingerprint, InputChecks.SHA256_HEX, JobRules.INVALID_USAGE_SIGNATURE, "centerKey"));
        return tx.read(key(msp, fingerprint), CenterKey.class)
                .orElseThrow(() -> Refusals.refuse(
                        ErrorCode.CENTER_KEY_NOT_FOUND, msp + " has registered no center key " + fingerprint));
    }

    /**
     * Throws unless {@code signature} is the signature of a center key {@code providerMsp} registered, valid at the
     * transaction's time, over {@code usage}.
     */
    void requireSigned(String providerMsp, RoundUsage usage, UsageSignature signature) {
        CenterKey centerKey = require(providerMsp, signature.centerKey());
        X509Certificate certificate = Refusals.checked(() -> UsageSignatures.certificate(centerKey.certificatePem()));
        try {
            certificate.checkValidity(Date.from(tx.time()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw Refusals.refuse(
                    ErrorCode.CENTER_KEY_NOT_FOUND,
                    "center key " + signature.centerKey() + " of " + providerMsp + " is not valid at " + tx.time());
        }
        if (!UsageSignatures.verify(certificate, usage, signature)) {
            throw Refusals.refuse(
                    ErrorCode.ROUND_NOT_CORROBORATED,
                    "the signature on dataset " + usage.datasetId()
                            + "'s contribution is not " + providerMsp + "'s over round " + usage.round() + " of "
                            + usage.jobId() + " with these samples, update and base model");
        }
    }

    private String key(String msp, String fingerprint) {
        return tx.key(Keys.CENTER_KEY, msp, fingerprint);
    }
}
