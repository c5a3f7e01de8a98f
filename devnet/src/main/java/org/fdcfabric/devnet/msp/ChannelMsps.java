package org.fdcfabric.devnet.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.MspException;
import org.fdcfabric.msp.NodeOu;
import org.fdcfabric.msp.Pem;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The MSPs of every channel, validating identities as {@code fabric/msp/mspimplvalidate.go} does: the MSP id must
 * be a channel member, the PEM must be one X.509 certificate that is not a CA, it must chain to exactly one root
 * with validity checked at one second after the certificate's own NotBefore (so expiry is not enforced here, as in
 * Fabric), and with NodeOUs exactly one subject OU must be a node OU. Results are cached by the serialized bytes:
 * the outcome depends only on those bytes and the fixed channel configuration. The identities share one memory of
 * signature checks, so a signature that several roles verify (endorsers, orderer, committer) is computed once.
 */
public final class ChannelMsps implements IdentityVerifier {
    private static final int CACHE_LIMIT = 10_000;
    private static final int SIGNATURE_MEMORY_LIMIT = 50_000;

    private final Map<String, Map<String, OrgMsp>> channels;
    private final Map<String, Map<ByteString, Optional<VerifiedIdentity>>> cache = new ConcurrentHashMap<>();
    private final SignatureChecks signatureChecks = new SignatureChecks(SIGNATURE_MEMORY_LIMIT);

    public ChannelMsps(Map<String, List<OrgMsp>> members) {
        this.channels = members.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().stream()
                        .collect(Collectors.toUnmodifiableMap(OrgMsp::mspId, Function.identity()))));
    }

    @Override
    public Optional<VerifiedIdentity> verify(String channelId, byte[] serializedIdentity) {
        Map<String, OrgMsp> orgs = channels.get(channelId);
        if (orgs == null || serializedIdentity == null) {
            return Optional.empty();
        }
        Map<ByteString, Optional<VerifiedIdentity>> channelCache =
                cache.computeIfAbsent(channelId, id -> new ConcurrentHashMap<>());
        ByteString key = ByteString.copyFrom(serializedIdentity);
        Optional<VerifiedIdentity> cached = channelCache.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<VerifiedIdentity> result = validate(orgs, serializedIdentity);
        if (channelCache.size() >= CACHE_LIMIT) {
            channelCache.clear();
        }
        channelCache.put(key, result);
        return result;
    }

    /**
     * A signer for one of the devnet's own nodes whose signatures this MSP layer will not re-verify: they enter its
     * memory of checked signatures as they are made.
     */
    public NodeSigner signerFor(IssuedIdentity node) {
        return new NodeSigner(node, signatureChecks);
    }

    /** The MSP ids of a channel's members, or empty for an unknown channel. */
    public List<String> mspIds(String channelId) {
        return channels.getOrDefault(channelId, Map.of()).keySet().stream()
                .sorted()
                .toList();
    }

    private Optional<VerifiedIdentity> validate(Map<String, OrgMsp> orgs, byte[] serializedIdentity) {
        SerializedIdentity identity;
        try {
            identity = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        OrgMsp msp = orgs.get(identity.getMspid());
        if (msp == null) {
            return Optional.empty();
        }
        X509Certificate certificate;
        try {
            certificate = Pem.readCertificate(identity.getIdBytes().toStringUtf8());
        } catch (MspException e) {
            return Optional.empty();
        }
        if (certificate.getBasicConstraints() >= 0 || chainCount(msp, certificate) != 1) {
            return Optional.empty();
        }
        String nodeOu = "";
        if (msp.nodeOusEnabled()) {
            Optional<NodeOu> ou = NodeOu.of(certificate);
            if (ou.isEmpty()) {
                return Optional.empty();
            }
            nodeOu = ou.get().identifier();
        }
        return Optional.of(new MemberIdentity(msp.mspId(), certificate, nodeOu, signatureChecks));
    }

    private static int chainCount(OrgMsp msp, X509Certificate certificate) {
        Date at = new Date(certificate.getNotBefore().getTime() + 1000);
        int chains = 0;
        for (X509Certificate root : msp.rootCertificates()) {
            if (!root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(root.getPublicKey());
                root.checkValidity(at);
                certificate.checkValidity(at);
                chains++;
            } catch (GeneralSecurityException e) {
                // not signed by this root, or not valid when issued: not a chain
            }
        }
        return chains;
    }
}
