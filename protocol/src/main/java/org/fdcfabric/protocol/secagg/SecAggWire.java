package org.fdcfabric.protocol.secagg;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.federation.KeyAdvertisement;
import org.fdcfabric.protocol.federation.RevealedSeedShare;
import org.fdcfabric.protocol.federation.SealedShares;
import org.fdcfabric.protocol.federation.SecretRef;
import org.fdcfabric.protocol.federation.SeedCommitment;
import org.fdcfabric.protocol.federation.ShareKeysResponse;
import org.fdcfabric.protocol.federation.UnmaskResponse;

/**
 * The secure-aggregation messages as they cross the Federation service (federation.proto) and back. Reading
 * validates through the records' constructors, so a malformed message is an {@link InvalidInputException} with a
 * {@code SECAGG_*} code before anything uses it.
 */
public final class SecAggWire {
    /** A share's y is an element of GF(2^521 - 1): at most 66 bytes. */
    private static final int MAX_Y_BYTES = 66;

    private SecAggWire() {}

    public static KeyAdvertisement toProto(AdvertiseKeys ad) {
        return KeyAdvertisement.newBuilder()
                .setCenterId(ad.centerId())
                .setNonce(ByteString.copyFrom(ad.nonce()))
                .setSignature(ByteString.copyFrom(ad.signature()))
                .build();
    }

    public static AdvertiseKeys fromProto(SessionId session, KeyAdvertisement ad) {
        return new AdvertiseKeys(
                session,
                ad.getCenterId(),
                ad.getNonce().toByteArray(),
                ad.getSignature().toByteArray());
    }

    public static ShareKeysResponse toProto(ShareKeys message) {
        ShareKeysResponse.Builder out = ShareKeysResponse.newBuilder();
        for (SecretCommitment c : message.commitments()) {
            out.addCommitments(SeedCommitment.newBuilder()
                    .setSecret(toProto(c.secret()))
                    .setDigest(ByteString.copyFrom(c.digest())));
        }
        message.shares().forEach(s -> out.addShares(toProto(s)));
        return out.build();
    }

    public static ShareKeys fromProto(SessionId session, String ownerId, ShareKeysResponse message) {
        List<SecretCommitment> commitments = new ArrayList<>();
        for (SeedCommitment c : message.getCommitmentsList()) {
            commitments.add(
                    new SecretCommitment(fromProto(c.getSecret()), c.getDigest().toByteArray()));
        }
        return new ShareKeys(session, ownerId, commitments, fromProto(message.getSharesList()));
    }

    public static SealedShares toProto(EncryptedShares shares) {
        return SealedShares.newBuilder()
                .setOwnerId(shares.ownerId())
                .setHolderId(shares.holderId())
                .setCiphertext(ByteString.copyFrom(shares.ciphertext()))
                .build();
    }

    public static List<EncryptedShares> fromProto(List<SealedShares> sealed) {
        List<EncryptedShares> out = new ArrayList<>(sealed.size());
        for (SealedShares s : sealed) {
            out.add(new EncryptedShares(
                    s.getOwnerId(), s.getHolderId(), s.getCiphertext().toByteArray()));
        }
        return out;
    }

    public static UnmaskResponse toProto(UnmaskingResponse response) {
        UnmaskResponse.Builder out = UnmaskResponse.newBuilder();
        for (RevealedShare share : response.shares()) {
            out.addShares(RevealedSeedShare.newBuilder()
                    .setSecret(toProto(share.secret()))
                    .setX(share.share().x())
                    .setY(ByteString.copyFrom(share.share().y().toByteArray())));
        }
        return out.build();
    }

    public static UnmaskingResponse fromProto(SessionId session, String holderId, UnmaskResponse response) {
        List<RevealedShare> shares = new ArrayList<>();
        for (RevealedSeedShare s : response.getSharesList()) {
            InputChecks.require(
                    !s.getY().isEmpty() && s.getY().size() <= MAX_Y_BYTES + 1,
                    SecAggCodes.INVALID_MESSAGE,
                    "share y must be 1 to " + MAX_Y_BYTES + " bytes");
            shares.add(new RevealedShare(
                    fromProto(s.getSecret()),
                    new Share(s.getX(), new BigInteger(s.getY().toByteArray()))));
        }
        return new UnmaskingResponse(session, holderId, shares);
    }

    private static SecretRef toProto(SecretId id) {
        return SecretRef.newBuilder()
                .setOwnerId(id.ownerId())
                .setKind(id.kind().name())
                .setPeerId(id.peerId())
                .build();
    }

    private static SecretId fromProto(SecretRef ref) {
        SecretKind kind;
        try {
            kind = SecretKind.valueOf(ref.getKind());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(SecAggCodes.INVALID_MESSAGE, "unknown secret kind '" + ref.getKind() + "'");
        }
        return new SecretId(ref.getOwnerId(), kind, ref.getPeerId());
    }
}
