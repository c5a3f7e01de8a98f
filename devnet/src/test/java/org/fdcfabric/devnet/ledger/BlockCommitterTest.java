package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per {@code TxValidationCode} the committer produces, each also checking that nothing was written. */
class BlockCommitterTest {
    private static final String CHANNEL = "collaboration";
    private static final String CC = "asset";
    private static final String OTHER_CC = "ledger2";
    private static final ByteString GARBAGE = ByteString.copyFrom(new byte[] {0x0A, 0x05, 0x01});

    @TempDir
    Path dir;

    private final TestMember client = TestMember.create("Org1MSP", "client");
    private final TestMember peer1 = TestMember.create("Org1MSP", "peer");
    private final TestMember peer2 = TestMember.create("Org2MSP", "peer");
    private final TestMsp msp = new TestMsp()
            .register(CHANNEL, client)
            .register(CHANNEL, peer1)
            .register(CHANNEL, peer2)
            .define(CC, Set.of("Org1MSP"))
            .define(OTHER_CC, Set.of("Org2MSP"));
    private MvStoreLedger ledger;
    private BlockCommitter committer;

    @BeforeEach
    void open() {
        ledger = MvStoreLedger.open(dir, CHANNEL, () -> TestBlocks.genesis(CHANNEL));
        committer = new BlockCommitter(ledger, msp, msp, 2);
    }

    @AfterEach
    void close() {
        committer.close();
        ledger.close();
    }

    private TestTx tx() {
        return new TestTx(CHANNEL, CC, client).endorsedBy(peer1);
    }

    private Block commitBytes(ByteString... envelopes) {
        return committer.commit(TestBlocks.next(ledger, Arrays.asList(envelopes)));
    }

    private List<TxValidationCode> commit(TestTx... txs) {
        Block block = commitBytes(Arrays.stream(txs).map(TestTx::bytes).toArray(ByteString[]::new));
        return codes(block);
    }

    private static List<TxValidationCode> codes(Block block) {
        return java.util.stream.IntStream.range(0, block.getData().getDataCount())
                .mapToObj(i -> TransactionsFilter.code(block, i))
                .toList();
    }

    private TxValidationCode rejected(TestTx tx) {
        TxValidationCode code = commit(tx).get(0);
        try (StateSnapshot snapshot = ledger.snapshot()) {
            assertThat(snapshot.get(CC, "k"))
                    .as("an invalid transaction writes nothing")
                    .isEmpty();
            assertThat(snapshot.history(CC, "k")).isEmpty();
        }
        return code;
    }

    private Version versionOf(String key) {
        try (StateSnapshot snapshot = ledger.snapshot()) {
            return snapshot.get(CC, key).map(VersionedValue::version).orElse(null);
        }
    }

    @Nested
    class Valid {
        @Test
        void aWellFormedEndorsedTransactionIsValidAndApplied() {
            TestTx tx = tx().write(CC, "k", "v").read(CC, "absent", null);
            assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);
            assertThat(versionOf("k")).isEqualTo(new Version(1, 0));
            assertThat(ledger.txStatus(tx.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
        }

        @Test
        void writingAnotherNamespaceNeedsThatChaincodesPolicyToo() {
            TestTx tx = tx().endorsedBy(peer2).write(CC, "k", "v").write(OTHER_CC, "x", "y");
            assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);
        }
    }

    @Nested
    class EnvelopeStructure {
        @Test
        void emptyEnvelopeIsNilEnvelope() {
            assertThat(codes(commitBytes(ByteString.EMPTY))).containsExactly(TxValidationCode.NIL_ENVELOPE);
        }

        @Test
        void unparseableEnvelopeIsInvalidOtherReason() {
            assertThat(codes(commitBytes(GARBAGE))).containsExactly(TxValidationCode.INVALID_OTHER_REASON);
        }

        @Test
        void unparseablePayloadIsBadPayload() {
            Envelope envelope = Envelope.newBuilder()
                    .setPayload(GARBAGE)
                    .setSignature(ByteString.copyFrom(client.sign(GARBAGE.toByteArray())))
                    .build();
            assertThat(codes(commitBytes(envelope.toByteString()))).containsExactly(TxValidationCode.BAD_PAYLOAD);
        }

        @Test
        void missingHeaderBadEpochTypeOrNonceIsBadCommonHeader() {
            ByteString noHeader = Payload.newBuilder()
                    .setData(ByteString.copyFromUtf8("x"))
                    .build()
                    .toByteString();
            Envelope headerless = Envelope.newBuilder()
                    .setPayload(noHeader)
                    .setSignature(ByteString.copyFrom(client.sign(noHeader.toByteArray())))
                    .build();
            assertThat(codes(commitBytes(headerless.toByteString())))
                    .containsExactly(TxValidationCode.BAD_COMMON_HEADER);
            assertThat(rejected(tx().write(CC, "k", "v").epoch(1))).isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
            assertThat(rejected(tx().write(CC, "k", "v").headerType(HeaderType.MESSAGE_VALUE)))
                    .isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
            assertThat(rejected(tx().write(CC, "k", "v").emptyNonce())).isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
        }

        @Test
        void configUpdateIsUnsupportedAndConfigIsAnInvalidConfigTransaction() {
            assertThat(rejected(tx().write(CC, "k", "v").headerType(HeaderType.CONFIG_UPDATE_VALUE)))
                    .isEqualTo(TxValidationCode.UNSUPPORTED_TX_PAYLOAD);
            assertThat(rejected(tx().write(CC, "k", "v").headerType(HeaderType.CONFIG_VALUE)))
                    .isEqualTo(TxValidationCode.INVALID_CONFIG_TRANSACTION);
        }
    }

    @Nested
    class Creator {
        @Test
        void aSignatureByAnyoneButTheCreatorIsBadCreatorSignature() {
            assertThat(rejected(tx().write(CC, "k", "v").signedBy(peer1)))
                    .isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);
        }

        @Test
        void aCreatorUnknownToTheChannelIsBadCreatorSignature() {
            TestMember stranger = TestMember.create("Org1MSP", "client");
            assertThat(rejected(
                            new TestTx(CHANNEL, CC, stranger).endorsedBy(peer1).write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);
        }

        @Test
        void aTxIdNotDerivedFromNonceAndCreatorIsBadProposalTxId() {
            assertThat(rejected(tx().write(CC, "k", "v").txId("ab".repeat(32))))
                    .isEqualTo(TxValidationCode.BAD_PROPOSAL_TXID);
        }

        @Test
        void theForgedCopyIsIndexedFirstAsFabricDoes() {
            TestTx genuine = tx().write(CC, "k", "v");
            Envelope forged = genuine.envelope().toBuilder()
                    .setSignature(ByteString.copyFrom(peer1.sign(new byte[] {1})))
                    .build();
            assertThat(codes(commitBytes(forged.toByteString())))
                    .containsExactly(TxValidationCode.BAD_CREATOR_SIGNATURE);
            assertThat(rejected(genuine)).isEqualTo(TxValidationCode.DUPLICATE_TXID);
            assertThat(ledger.txStatus(genuine.txId()))
                    .contains(new TxStatus(TxValidationCode.BAD_CREATOR_SIGNATURE, 1));
        }
    }

    @Nested
    class EndorserTransaction {
        @Test
        void aProposalHashThatDoesNotMatchIsInvalidEndorserTransaction() {
            assertThat(rejected(tx().write(CC, "k", "v").wrongProposalHash()))
                    .isEqualTo(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        }

        @Test
        void anythingButExactlyOneActionIsInvalidEndorserTransaction() {
            assertThat(rejected(tx().write(CC, "k", "v").transaction(t -> t.addActions(t.getActions(0)))))
                    .isEqualTo(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
            assertThat(rejected(tx().write(CC, "k", "v").transaction(t -> t.clearActions())))
                    .isEqualTo(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        }

        @Test
        void aTransactionForAnotherChannelIsTargetChainNotFound() {
            assertThat(rejected(tx().write(CC, "k", "v").channel("other")))
                    .isEqualTo(TxValidationCode.TARGET_CHAIN_NOT_FOUND);
        }
    }

    @Nested
    class DuplicateTxId {
        @Test
        void aTxIdAlreadyInTheLedgerIsDuplicate() {
            TestTx tx = tx().write(CC, "k", "v");
            assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);
            assertThat(commit(tx)).containsExactly(TxValidationCode.DUPLICATE_TXID);
            assertThat(ledger.txStatus(tx.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
            assertThat(versionOf("k")).isEqualTo(new Version(1, 0));
        }

        @Test
        void aLaterCopyInTheSameBlockIsDuplicate() {
            TestTx tx = tx().write(CC, "k", "v");
            assertThat(commit(tx, tx)).containsExactly(TxValidationCode.VALID, TxValidationCode.DUPLICATE_TXID);
            assertThat(ledger.txStatus(tx.txId())).contains(new TxStatus(TxValidationCode.VALID, 1));
        }
    }

    @Nested
    class ChaincodeAction {
        @Test
        void anUnparseableHeaderExtensionIsBadHeaderExtension() {
            assertThat(rejected(tx().write(CC, "k", "v").extension(GARBAGE)))
                    .isEqualTo(TxValidationCode.BAD_HEADER_EXTENSION);
        }

        @Test
        void anUnparseableChaincodeActionIsBadResponsePayload() {
            assertThat(rejected(tx().write(CC, "k", "v").rawAction(GARBAGE)))
                    .isEqualTo(TxValidationCode.BAD_RESPONSE_PAYLOAD);
        }

        @Test
        void unparseableReadWriteSetsAreBadRwset() {
            assertThat(rejected(tx().results(GARBAGE))).isEqualTo(TxValidationCode.BAD_RWSET);
            ByteString badNamespace = TxReadWriteSet.newBuilder()
                    .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(CC).setRwset(GARBAGE))
                    .build()
                    .toByteString();
            assertThat(rejected(tx().results(badNamespace))).isEqualTo(TxValidationCode.BAD_RWSET);
            // A write whose key is not UTF-8 does not parse (proto3 strings), as in Fabric's Go protos.
            byte[] write = {0x0A, 0x02, (byte) 0xC3, 0x28, 0x1A, 0x01, 0x76};
            ByteString kvRwSet = ByteString.copyFrom(new byte[] {0x1A, 0x07}).concat(ByteString.copyFrom(write));
            ByteString notUtf8 = TxReadWriteSet.newBuilder()
                    .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(CC).setRwset(kvRwSet))
                    .build()
                    .toByteString();
            assertThat(rejected(tx().results(notUtf8))).isEqualTo(TxValidationCode.BAD_RWSET);
        }

        @Test
        void aMissingChaincodeIdIsInvalidOtherReason() {
            assertThat(rejected(tx().write(CC, "k", "v")
                            .extension(ChaincodeHeaderExtension.getDefaultInstance()
                                    .toByteString())))
                    .isEqualTo(TxValidationCode.INVALID_OTHER_REASON);
        }

        @Test
        void anEventOfAnotherChaincodeIsInvalidOtherReason() {
            ChaincodeEvent foreign = ChaincodeEvent.newBuilder()
                    .setChaincodeId("other")
                    .setEventName("E")
                    .build();
            assertThat(rejected(tx().write(CC, "k", "v").rawEvent(foreign)))
                    .isEqualTo(TxValidationCode.INVALID_OTHER_REASON);
        }

        @Test
        void emptyVersionMismatchedNameOrUndefinedChaincodeIsInvalidChaincode() {
            assertThat(rejected(tx().write(CC, "k", "v").chaincodeVersion("")))
                    .isEqualTo(TxValidationCode.INVALID_CHAINCODE);
            assertThat(rejected(tx().write(CC, "k", "v")
                            .action(a -> a.setChaincodeId(
                                    ChaincodeID.newBuilder().setName("other").setVersion("1")))))
                    .isEqualTo(TxValidationCode.INVALID_CHAINCODE);
            assertThat(rejected(new TestTx(CHANNEL, "undefined", client)
                            .endorsedBy(peer1)
                            .write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.INVALID_CHAINCODE);
            assertThat(rejected(tx().write(CC, "k", "v").write("undefined", "x", "y")))
                    .isEqualTo(TxValidationCode.INVALID_CHAINCODE);
        }

        @Test
        void aNamespaceTwiceIsIllegalWriteset() {
            assertThat(rejected(tx().write(CC, "k", "v").duplicateNamespace(CC)))
                    .isEqualTo(TxValidationCode.ILLEGAL_WRITESET);
        }
    }

    @Nested
    class EndorsementPolicy {
        @Test
        void missingEndorsementsFailThePolicy() {
            assertThat(rejected(new TestTx(CHANNEL, CC, client).write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(rejected(
                            new TestTx(CHANNEL, CC, client).endorsedBy(peer2).write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void aWrittenNamespaceWhosePolicyIsNotMetFails() {
            assertThat(rejected(tx().write(CC, "k", "v").write(OTHER_CC, "x", "y")))
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void aClientCannotEndorse() {
            assertThat(rejected(
                            new TestTx(CHANNEL, CC, client).endorsedBy(client).write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void anEndorsementSignatureOverOtherBytesDoesNotCount() {
            TestTx forged = tx().write(CC, "k", "v").transaction(t -> {
                try {
                    TransactionAction action = t.getActions(0);
                    ChaincodeActionPayload payload = ChaincodeActionPayload.parseFrom(action.getPayload());
                    ChaincodeEndorsedAction.Builder endorsed = payload.getAction().toBuilder();
                    endorsed.setEndorsements(
                            0,
                            endorsed.getEndorsements(0).toBuilder()
                                    .setSignature(ByteString.copyFrom(peer1.sign(new byte[] {1, 2, 3}))));
                    return t.setActions(
                            0,
                            action.toBuilder()
                                    .setPayload(payload.toBuilder()
                                            .setAction(endorsed)
                                            .build()
                                            .toByteString()));
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(rejected(forged)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }
    }

    @Nested
    class Mvcc {
        @Test
        void aStaleReadVersionIsMvccReadConflict() {
            commit(tx().write(CC, "a", "1"));
            Version seen = versionOf("a");
            commit(tx().write(CC, "a", "2"));
            TestTx stale = tx().read(CC, "a", seen).write(CC, "k", "v");
            assertThat(rejected(stale)).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
            assertThat(ledger.txStatus(stale.txId())).contains(new TxStatus(TxValidationCode.MVCC_READ_CONFLICT, 3));
        }

        @Test
        void readingAsAbsentAKeyThatNowExistsIsMvccReadConflict() {
            commit(tx().write(CC, "a", "1"));
            assertThat(rejected(tx().read(CC, "a", null).write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        }

        @Test
        void aKeyWrittenByAnEarlierValidTransactionOfTheBlockConflicts() {
            commit(tx().write(CC, "balance", "10"));
            Version seen = versionOf("balance");
            TestTx first = tx().read(CC, "balance", seen).write(CC, "balance", "5");
            TestTx second = tx().read(CC, "balance", seen).write(CC, "balance", "7");
            assertThat(commit(first, second))
                    .containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
            try (StateSnapshot snapshot = ledger.snapshot()) {
                assertThat(new String(snapshot.get(CC, "balance").orElseThrow().value(), StandardCharsets.UTF_8))
                        .isEqualTo("5");
                assertThat(snapshot.history(CC, "balance")).hasSize(2);
            }
        }

        @Test
        void anInvalidTransactionsWritesDoNotConflictWithLaterOnes() {
            commit(tx().write(CC, "balance", "10"));
            Version seen = versionOf("balance");
            TestTx unendorsed = new TestTx(CHANNEL, CC, client).write(CC, "balance", "1");
            TestTx valid = tx().read(CC, "balance", seen).write(CC, "balance", "9");
            assertThat(commit(unendorsed, valid))
                    .containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID);
            assertThat(versionOf("balance")).isEqualTo(new Version(2, 1));
        }

        @Test
        void aKeyInsertedIntoAScannedRangeIsPhantomReadConflict() {
            commit(tx().write(CC, "r1", "x").write(CC, "r3", "x"));
            Map<String, Version> seen = new LinkedHashMap<>();
            seen.put("r1", versionOf("r1"));
            seen.put("r3", versionOf("r3"));
            TestTx unchanged = tx().rangeRead(CC, "r", "s", true, seen).write(CC, "z1", "v");
            assertThat(commit(unchanged)).containsExactly(TxValidationCode.VALID);
            commit(tx().write(CC, "r2", "x"));
            assertThat(rejected(tx().rangeRead(CC, "r", "s", true, seen).write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT);
        }

        @Test
        void anInsertByAnEarlierTransactionOfTheBlockIsAPhantom() {
            commit(tx().write(CC, "r1", "x"));
            Map<String, Version> seen = Map.of("r1", versionOf("r1"));
            TestTx insert = tx().write(CC, "r0", "x");
            TestTx scan = tx().rangeRead(CC, "r", "s", true, seen).write(CC, "z", "v");
            assertThat(commit(insert, scan))
                    .containsExactly(TxValidationCode.VALID, TxValidationCode.PHANTOM_READ_CONFLICT);
        }

        @Test
        void anUnexhaustedScanOnlyCoversKeysUpToTheLastOneReturned() {
            commit(tx().write(CC, "r1", "x").write(CC, "r2", "x"));
            Map<String, Version> seen = Map.of("r1", versionOf("r1"));
            // The chaincode stopped after r1, so a later change to r5 is outside what it saw.
            commit(tx().write(CC, "r5", "x").delete(CC, "r2"));
            assertThat(commit(tx().rangeRead(CC, "r", "r1", false, seen).write(CC, "z", "v")))
                    .containsExactly(TxValidationCode.VALID);
            commit(tx().delete(CC, "r1"));
            assertThat(rejected(tx().rangeRead(CC, "r", "r1", false, seen).write(CC, "k", "v")))
                    .isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT);
        }
    }
}
