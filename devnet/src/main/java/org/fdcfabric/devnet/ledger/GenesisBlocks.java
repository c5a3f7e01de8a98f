package org.fdcfabric.devnet.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * Block 0 of a channel as Fabric's {@code genesis.go} shapes it: one unsigned CONFIG envelope holding a
 * {@code ConfigEnvelope} with the application orgs' MSPs and the implicit-meta channel policies, and
 * LAST_CONFIG 0 in the metadata. Nothing validates against it; it records the channel's members and keeps block
 * numbering as on Fabric.
 */
public final class GenesisBlocks {
    private static final String ADMINS = "Admins";
    private static final int NONCE_LENGTH = 24;

    private GenesisBlocks() {}

    /** {@code applicationOrgs}: MSP id to that org's {@code MSPConfig} (type 0, a {@code FabricMSPConfig}). */
    public static Block genesis(String channelId, Map<String, MSPConfig> applicationOrgs, Instant createdAt) {
        ConfigGroup.Builder application = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        new TreeMap<>(applicationOrgs)
                .forEach((mspId, msp) -> application.putGroups(
                        mspId,
                        ConfigGroup.newBuilder()
                                .putValues(
                                        "MSP",
                                        ConfigValue.newBuilder()
                                                .setValue(msp.toByteString())
                                                .setModPolicy(ADMINS)
                                                .build())
                                .setModPolicy(ADMINS)
                                .build()));
        application
                .putPolicies("Readers", implicitMeta("Readers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Writers", implicitMeta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies(ADMINS, implicitMeta(ADMINS, ImplicitMetaPolicy.Rule.MAJORITY))
                .putPolicies("Endorsement", implicitMeta("Endorsement", ImplicitMetaPolicy.Rule.MAJORITY))
                .putPolicies("LifecycleEndorsement", implicitMeta("Endorsement", ImplicitMetaPolicy.Rule.MAJORITY));
        ConfigGroup channel = ConfigGroup.newBuilder()
                .putGroups("Application", application.build())
                .putValues(
                        "HashingAlgorithm",
                        ConfigValue.newBuilder()
                                .setValue(HashingAlgorithm.newBuilder()
                                        .setName("SHA256")
                                        .build()
                                        .toByteString())
                                .setModPolicy(ADMINS)
                                .build())
                .putValues(
                        "BlockDataHashingStructure",
                        ConfigValue.newBuilder()
                                .setValue(BlockDataHashingStructure.newBuilder()
                                        .setWidth(0xFFFFFFFF)
                                        .build()
                                        .toByteString())
                                .setModPolicy(ADMINS)
                                .build())
                .putPolicies("Readers", implicitMeta("Readers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Writers", implicitMeta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies(ADMINS, implicitMeta(ADMINS, ImplicitMetaPolicy.Rule.MAJORITY))
                .setModPolicy(ADMINS)
                .build();
        ConfigEnvelope config = ConfigEnvelope.newBuilder()
                .setConfig(Config.newBuilder().setChannelGroup(channel))
                .build();

        byte[] nonce = new byte[NONCE_LENGTH];
        new SecureRandom().nextBytes(nonce);
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setVersion(1)
                .setChannelId(channelId)
                .setTxId(TransactionValidator.computeTxId(signatureHeader))
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(createdAt.getEpochSecond())
                        .setNanos(createdAt.getNano()))
                .build();
        Envelope envelope = Envelope.newBuilder()
                .setPayload(Payload.newBuilder()
                        .setHeader(Header.newBuilder()
                                .setChannelHeader(channelHeader.toByteString())
                                .setSignatureHeader(signatureHeader.toByteString()))
                        .setData(config.toByteString())
                        .build()
                        .toByteString())
                .build();

        BlockData data = BlockData.newBuilder().addData(envelope.toByteString()).build();
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(0).build();
        BlockMetadata metadata = BlockMetadata.newBuilder()
                .addMetadata(Metadata.newBuilder()
                        .setValue(OrdererBlockMetadata.newBuilder()
                                .setLastConfig(lastConfig)
                                .build()
                                .toByteString())
                        .build()
                        .toByteString())
                .addMetadata(Metadata.newBuilder()
                        .setValue(lastConfig.toByteString())
                        .build()
                        .toByteString())
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .build();
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(0)
                        .setPreviousHash(ByteString.EMPTY)
                        .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data))))
                .setData(data)
                .setMetadata(metadata)
                .build();
    }

    private static ConfigPolicy implicitMeta(String subPolicy, ImplicitMetaPolicy.Rule rule) {
        return ConfigPolicy.newBuilder()
                .setPolicy(Policy.newBuilder()
                        .setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                        .setValue(ImplicitMetaPolicy.newBuilder()
                                .setSubPolicy(subPolicy)
                                .setRule(rule)
                                .build()
                                .toByteString()))
                .setModPolicy(ADMINS)
                .build();
    }
}
