package org.fdcfabric.msp;

import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Fabric's node organisational units: the subject OU that classifies an identity when NodeOUs are enabled. */
public enum NodeOu {
    CLIENT,
    PEER,
    ADMIN,
    ORDERER;

    /** The OU value as cryptogen and Fabric CA write it ({@code client}, {@code peer}, ...). */
    public String identifier() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NodeOu> fromIdentifier(String identifier) {
        for (NodeOu ou : values()) {
            if (ou.identifier().equals(identifier)) {
                return Optional.of(ou);
            }
        }
        return Optional.empty();
    }

    /**
     * Fabric's NodeOU classification: among the subject's OU values exactly one may equal a node-OU identifier;
     * none or more than one leaves the certificate unclassified (an invalid identity when NodeOUs are enabled).
     */
    public static Optional<NodeOu> of(X509Certificate certificate) {
        X500Name subject =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        Optional<NodeOu> found = Optional.empty();
        for (RDN rdn : subject.getRDNs(BCStyle.OU)) {
            for (var value : rdn.getTypesAndValues()) {
                if (!value.getType().equals(BCStyle.OU)) {
                    continue;
                }
                Optional<NodeOu> ou = fromIdentifier(IETFUtils.valueToString(value.getValue()));
                if (ou.isPresent() && found.isPresent()) {
                    return Optional.empty();
                }
                found = ou.isPresent() ? ou : found;
            }
        }
        return found;
    }
}
