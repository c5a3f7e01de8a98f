package org.fdcfabric.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.block.BlockHeaderHash;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The block check over blocks built as Fabric builds them, holding (one per block) the transactions that wrote the
 * clean collaboration's trail entries: intact, they audit clean; a changed stored transaction, a broken link or a
 * trail entry that no valid transaction wrote is {@code BROKEN_CHAIN}.
 */
@ExtendWith(SharedRouter.class)
class BlockCheckTest {
    Scenario chain;

    @BeforeEach
    void collaborate(ContractRouter router, TestIdentities ids) {
        chain = Scenario.clean(router, ids);
    }

    private List<String> trailTxIds(Channel channel) {
        Set<String> txIds = new LinkedHashSet<>();
        for (TrailView trail : new ChainLoader(chain.reader()).load().trails()) {
            if (trail.channel() == channel) {
                trail.entries().stream().map(AuditEntry::txId).forEach(txIds::add);
            }
        }
        return List.copyOf(txIds);
    }

    private AuditReport audit(UnaryOperator<List<Block>> collaborationDamage, Set<String> leftOut) {
        LedgerChainReader reader = (LedgerChainReader) chain.reader();
        for (Channel channel : Channel.values()) {
            List<String> txIds = new ArrayList<>(trailTxIds(channel));
            txIds.removeAll(leftOut);
            List<Block> blocks = chainOf(txIds);
            reader.withBlocks(channel, channel == Channel.COLLABORATION ? collaborationDamage.apply(blocks) : blocks);
        }
        return new AuditChecker(reader).check();
    }

    @Test
    void intactBlocksHoldingEveryEntrysTransactionAuditClean() {
        AuditReport report = audit(UnaryOperator.identity(), Set.of());

        assertThat(report.verdict()).as("%s", report.toText()).isEqualTo(Verdict.CLEAN);
        assertThat(report.coverage().blocks())
                .isEqualTo(trailTxIds(Channel.REGISTRATION).size()
                        + trailTxIds(Channel.COLLABORATION).size()
                        + 2L);
    }

    @Test
    void aStoredTransactionChangedAfterTheFactBreaksTheDataHash() {
        AuditReport report = audit(
                blocks -> {
                    List<Block> changed = new ArrayList<>(blocks);
                    Block third = changed.get(3);
                    ByteString envelope = third.getData().getData(0);
                    byte[] bytes = envelope.toByteArray();
                    bytes[bytes.length - 1] ^= 0x01;
                    changed.set(
                            3,
                            third.toBuilder()
                                    .setData(BlockData.newBuilder().addData(ByteString.copyFrom(bytes)))
                                    .build());
                    return changed;
                },
                Set.of());

        Violation broken = report.violations().stream()
                .filter(v -> v.evidence().containsKey("block"))
                .findFirst()
                .orElseThrow();
        assertThat(broken.kind()).isEqualTo(ViolationKind.BROKEN_CHAIN);
        assertThat(broken.evidence()).containsEntry("block", "3").containsEntry("channel", "COLLABORATION");
        assertThat(broken.message()).contains("data hash");
    }

    @Test
    void aBlockThatDoesNotChainIsBroken() {
        AuditReport report = audit(
                blocks -> {
                    List<Block> changed = new ArrayList<>(blocks);
                    Block second = changed.get(2);
                    changed.set(
                            2,
                            second.toBuilder()
                                    .setHeader(second.getHeader().toBuilder()
                                            .setPreviousHash(ByteString.copyFrom(new byte[32])))
                                    .build());
                    return changed;
                },
                Set.of());

        assertThat(report.violations())
                .anySatisfy(v -> assertThat(v.message()).isEqualTo("block 2 does not chain to block 1"));
    }

    @Test
    void aTrailEntryNoValidTransactionWroteIsFound() {
        String forged = trailTxIds(Channel.COLLABORATION).get(4);

        AuditReport report = audit(UnaryOperator.identity(), Set.of(forged));

        // one transaction can write entries on several trails: each of them is named
        assertThat(report.violations()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.kind()).isEqualTo(ViolationKind.BROKEN_CHAIN);
            assertThat(v.evidence()).containsEntry("entryTxId", forged).containsEntry("validation", "NOT_IN_ANY_BLOCK");
        });
    }

    /** Block 0 empty, then one block per transaction id, each VALID, chained by Fabric's header hash. */
    private static List<Block> chainOf(List<String> txIds) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(block(0, new byte[0], List.of()));
        for (String txId : txIds) {
            Block previous = blocks.get(blocks.size() - 1);
            BlockHeader header = previous.getHeader();
            byte[] previousHash = BlockHeaderHash.headerHash(
                    header.getNumber(),
                    header.getPreviousHash().toByteArray(),
                    header.getDataHash().toByteArray());
            blocks.add(block(blocks.size(), previousHash, List.of(envelope(txId))));
        }
        return blocks;
    }

    private static Block block(long number, byte[] previousHash, List<ByteString> envelopes) {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        byte[] concatenated = data.getDataList().stream()
                .map(ByteString::toByteArray)
                .reduce(new byte[0], (a, b) -> {
                    byte[] joined = new byte[a.length + b.length];
                    System.arraycopy(a, 0, joined, 0, a.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                });
        byte[] filter = new byte[envelopes.size()];
        java.util.Arrays.fill(filter, (byte) TxValidationCode.VALID_VALUE);
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(number)
                        .setPreviousHash(ByteString.copyFrom(previousHash))
                        .setDataHash(ByteString.copyFrom(Hashes.sha256(concatenated))))
                .setData(data)
                .setMetadata(BlockMetadata.newBuilder()
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(filter))
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.EMPTY))
                .build();
    }

    private static ByteString envelope(String txId) {
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(
                                ChannelHeader.newBuilder().setTxId(txId).build().toByteString()))
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    }
}
