package org.fdcfabric.msp;

import com.google.protobuf.ByteString;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.fdcfabric.protocol.Signatures;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** A member of an MSP: its certificate, its private key and the MSP id it belongs to. */
public record IssuedIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {
    public IssuedIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** {@code SerializedIdentity{mspid, id_bytes = certificate PEM}}: the creator/endorser bytes Fabric uses. */
    public byte[] serialize() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(certificatePem()))
                .build()
                .toByteArray();
    }

    /** Low-S deterministic ECDSA over SHA-256, as every Fabric party signs. */
    public byte[] sign(byte[] message) {
        return Signatures.sign(privateKey, message);
    }

    /** The subject common name, e.g. {@code peer0.org1.fdc} or {@code alice@org1.fdc}. */
    public String name() {
        RDN[] cn = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        return cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    /** The NodeOU the certificate carries, if exactly one (see {@link NodeOu#of}). */
    public Optional<NodeOu> nodeOu() {
        return NodeOu.of(certificate);
    }
}
