package org.fdcfabric.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.fdcfabric.msp.IssuedIdentity;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest {
    private static ContractRouter router;
    private static TestIdentities identities;

    private InMemoryLedger ledger;
    private LedgerClient alice;

    @BeforeAll
    static void scan() {
        router = ContractRouters.scanClasspath("probe:1.0");
        identities = TestIdentities.create();
    }

    @BeforeEach
    void newLedger() {
        ledger = InMemoryLedger.builder()
                .deploy("one", "probe", router)
                .deploy("one", "sibling", router)
                .deploy("two", "remote", router)
                .build();
        alice = ledger.as(identities.provider(TestIdentities.ORG1));
    }

    private StateView probe() {
        return ledger.state("probe");
    }

    @Nested
    class StagedWrites {
        @Test
        void readsInTheSameTransactionSeeCommittedStateOnly() {
            assertThat(alice.submit("probe:PutThenGet", "k", "v1").payloadText())
                    .isEqualTo("read=");
            assertThat(alice.submit("probe:PutThenGet", "k", "v2").payloadText())
                    .isEqualTo("read=v1");
            assertThat(probe().get("k")).contains("v2");
        }

        @Test
        void successfulSubmitCommitsAndAdvancesHeight() {
            TxResult result = alice.submit("probe:Put", "k", "v");
            assertThat(result.isSuccess()).isTrue();
            assertThat(result.committed()).isTrue();
            assertThat(ledger.height()).isEqualTo(1);
            assertThat(alice.evaluate("probe:Get", "k").payloadText()).isEqualTo("v");
        }

        @Test
        void chaincodeErrorCommitsNothingAndCarriesCodeAndMessage() {
            alice.submit("probe:Put", "k", "before");
            StateSnapshot before = ledger.snapshot();

            TxResult result = alice.submit("probe:PutThenFail", "k", "after");

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message()).isEqualTo("PROBE_FAILED: refused after writing k");
            assertThat(result.payloadText()).isEqualTo("PROBE_FAILED");
            assertThat(result.errorCode()).isEqualTo("PROBE_FAILED");
            assertThat(result.committed()).isFalse();
            assertThat(result.event()).isEmpty();
            assertThat(ledger.snapshot()).isEqualTo(before);
            assertThat(probe().history("k")).hasSize(1);
        }

        @Test
        void unexpectedExceptionIsReportedWithoutItsInternals() {
            TxResult result = alice.submit("probe:PutThenCrash", "k", "v");
            assertThat(result.status()).isEqualTo(500);
            // shim 2.5.10 wording; the exception's own message ("bug") never reaches the client
            assertThat(result.message()).isEqualTo("Error during contract method execution");
            assertThat(probe().get("k")).isEmpty();
        }

        @Test
        void evaluateNeverCommits() {
            TxResult result = alice.evaluate("probe:Put", "k", "v");
            assertThat(result.isSuccess()).isTrue();
            assertThat(result.committed()).isFalse();
            assertThat(ledger.snapshot().size()).isZero();
        }

        @Test
        void unknownTransactionIsRejectedByTheRouter() {
            TxResult result = alice.submit("probe:NoSuchThing");
            assertThat(result.status()).isEqualTo(500);
            assertThat(result.committed()).isFalse();
        }

        @Test
        void deleteRemovesTheKeyAndAbsentKeysReadAsEmpty() {
            alice.submit("probe:Put", "k", "v");
            alice.submit("probe:Delete", "k");
            assertThat(probe().get("k")).isEmpty();
            assertThat(alice.evaluate("probe:Get", "k").payloadText()).isEqualTo("<absent>");
        }
    }

    @Nested
    class Ranges {
        @Test
        void simpleRangeIsHalfOpenAndSkipsCompositeKeys() {
            for (String key : List.of("a", "b", "c", "d")) {
                alice.submit("probe:Put", key, key.toUpperCase());
            }
            alice.submit("probe:PutComposite", "ucl", "x", "1", "composite");

            assertThat(alice.evaluate("probe:Range", "b", "d").payloadText()).isEqualTo("b=B,c=C");
            assertThat(alice.evaluate("probe:Range", "", "").payloadText()).isEqualTo("a=A,b=B,c=C,d=D");
            assertThat(alice.evaluate("probe:Range", "c", "").payloadText()).isEqualTo("c=C,d=D");
        }

        @Test
        void keysAreOrderedByUtf8BytesNotUtf16Units() {
            String supplementary = new String(Character.toChars(0x1F600)); // UTF-16 high surrogate sorts below U+E000
            String privateUse = "\uE000";
            alice.submit("probe:Put", "k" + privateUse, "bmp");
            alice.submit("probe:Put", "k" + supplementary, "astral");
            assertThat(probe().keys()).containsExactly("k" + privateUse, "k" + supplementary);
            assertThat(alice.evaluate("probe:Range", "k", "").payloadText())
                    .isEqualTo("k" + privateUse + "=bmp,k" + supplementary + "=astral");
        }

        @Test
        void compositeRangeQueryReturnsOnlyThatObjectTypeAndPrefix() {
            alice.submit("probe:PutComposite", "ucl", "ds-1", "a", "1");
            alice.submit("probe:PutComposite", "ucl", "ds-2", "a", "2");
            alice.submit("probe:PutComposite", "uclver", "ds-1", "1", "3");
            alice.submit("probe:PutComposite", "ucl", "ds-10", "a", "4");

            assertThat(alice.evaluate("probe:Partial", "ucl", "").payloadText())
                    .isEqualTo("~ucl~ds-1~a~=1,~ucl~ds-10~a~=4,~ucl~ds-2~a~=2");
            assertThat(alice.evaluate("probe:Partial", "ucl", "ds-1").payloadText())
                    .isEqualTo("~ucl~ds-1~a~=1");
            assertThat(probe().keys("uclver")).hasSize(1);
        }

        @Test
        void compositeKeyFormatMatchesTheShim() {
            alice.submit("probe:PutComposite", "audit", "subject", "7", "v");
            assertThat(probe().keys()).containsExactly("\u0000audit\u0000subject\u00007\u0000");
            assertThat(probe().get("audit", "subject", "7")).contains("v");
        }

        @Test
        void queryThatLeavesAnIteratorOpenFailsTheTest() {
            alice.submit("probe:Put", "a", "A");
            assertThatThrownBy(() -> alice.evaluate("probe:LeakIterator"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("iterator");
        }
    }

    @Nested
    class Pagination {
        @BeforeEach
        void fiveDatasets() {
            for (int i = 1; i <= 5; i++) {
                alice.submit("probe:PutComposite", "ucl", "ds-" + i, "x", "v" + i);
            }
            alice.submit("probe:PutComposite", "other", "z", "x", "not in range");
        }

        @Test
        void bookmarksWalkEveryPageOnceAndEndEmpty() {
            TxResult first = alice.evaluate("probe:PartialPage", "ucl", "2", "");
            assertThat(first.payloadText()).isEqualTo("~ucl~ds-1~x~=v1,~ucl~ds-2~x~=v2|2|~ucl~ds-3~x~");

            String bookmark = "\u0000ucl\u0000ds-3\u0000x\u0000";
            TxResult second = alice.evaluate("probe:PartialPage", "ucl", "2", bookmark);
            assertThat(second.payloadText()).isEqualTo("~ucl~ds-3~x~=v3,~ucl~ds-4~x~=v4|2|~ucl~ds-5~x~");

            TxResult last = alice.evaluate("probe:PartialPage", "ucl", "2", "\u0000ucl\u0000ds-5\u0000x\u0000");
            assertThat(last.payloadText()).isEqualTo("~ucl~ds-5~x~=v5|1|");
        }

        @Test
        void exactFitPageEndsWithEmptyBookmark() {
            assertThat(alice.evaluate("probe:PartialPage", "ucl", "5", "").payloadText())
                    .endsWith("|5|");
        }

        @Test
        void simpleRangePagination() {
            alice.submit("probe:Put", "a", "A");
            alice.submit("probe:Put", "b", "B");
            alice.submit("probe:Put", "c", "C");
            assertThat(alice.evaluate("probe:RangePage", "", "", "2", "").payloadText())
                    .isEqualTo("a=A,b=B|2|c");
            assertThat(alice.evaluate("probe:RangePage", "", "", "2", "c").payloadText())
                    .isEqualTo("c=C|1|");
        }

        @Test
        void writeAfterPaginatedQueryIsRefusedAsFabricDoes() {
            StateSnapshot before = ledger.snapshot();
            TxResult result = alice.submit("probe:PageThenWrite", "late");
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.ledgerErrors()).singleElement().asString().contains("paginated query");
            assertThat(ledger.snapshot()).isEqualTo(before);
        }

        @Test
        void paginatedQueryAfterWriteIsRefusedAsFabricDoes() {
            TxResult result = alice.submit("probe:WriteThenPage", "early");
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.ledgerErrors()).singleElement().asString().contains("read-only transaction");
            assertThat(probe().get("early")).isEmpty();
        }
    }

    @Nested
    class History {
        @Test
        void newestFirstWithTxIdsTimestampsAndDeletesButNoFailedTransactions() {
            TxResult v1 = alice.submit("probe:Put", "k", "v1");
            alice.submit("probe:PutThenFail", "k", "never");
            TxResult v2 = alice.submit("probe:Put", "k", "v2");
            TxResult del = alice.submit("probe:Delete", "k");

            assertThat(alice.evaluate("probe:History", "k").payloadText())
                    .isEqualTo(String.join(
                            ",",
                            del.txId() + "@" + del.timestamp() + "=<deleted>",
                            v2.txId() + "@" + v2.timestamp() + "=v2",
                            v1.txId() + "@" + v1.timestamp() + "=v1"));
            assertThat(probe().history("k"))
                    .extracting(KeyHistoryEntry::deleted)
                    .containsExactly(true, false, false);
        }
    }

    @Nested
    class Events {
        @Test
        void lastSetEventWins() {
            TxResult result = alice.submit("probe:TwoEvents", "First", "Second");
            assertThat(result.event()).hasValueSatisfying(event -> {
                assertThat(event.name()).isEqualTo("Second");
                assertThat(event.payloadText()).isEqualTo("Second");
            });
        }

        @Test
        void transactionWithoutEventHasNone() {
            assertThat(alice.submit("probe:Put", "k", "v").event()).isEmpty();
        }
    }

    @Nested
    class TransactionIdentity {
        @Test
        void creatorIsARealSerializedIdentityWhoseCertificateCarriesTheRole() throws Exception {
            IssuedIdentity provider = identities.provider(TestIdentities.ORG2);
            TxResult result = ledger.as(provider).evaluate("probe:Whoami");
            String[] parts = result.payloadText().split("\\|");
            assertThat(parts[0]).isEqualTo("Org2MSP");
            assertThat(parts[1]).isEqualTo("provider");
            assertThat(parts[2]).startsWith("x509::").contains("CN=provider@org2.fdc");
            assertThat(parts[3]).isEqualTo(result.txId());
            assertThat(parts[5]).isEqualTo("one");

            SerializedIdentity creator = SerializedIdentity.parseFrom(provider.serialize());
            assertThat(creator.getMspid()).isEqualTo("Org2MSP");
        }

        @Test
        void identityWithoutRoleReadsAsNull() {
            TxResult result = ledger.as(identities.noRole(TestIdentities.ORG1)).evaluate("probe:Whoami");
            assertThat(result.payloadText().split("\\|")[1]).isEqualTo("null");
        }

        @Test
        void txIdIsSha256OfNonceAndCreatorAsFabricComputesIt() throws Exception {
            LedgerStubProbe probe = new LedgerStubProbe();
            ledger = InMemoryLedger.builder().deploy("one", "probe", probe).build();
            IssuedIdentity user = identities.dataUser();
            TxResult result = ledger.as(user).submit("anything");

            Proposal proposal =
                    Proposal.parseFrom(probe.stub.getSignedProposal().getProposalBytes());
            SignatureHeader header = SignatureHeader.parseFrom(
                    Header.parseFrom(proposal.getHeader()).getSignatureHeader());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(header.getNonce().toByteArray());
            sha.update(header.getCreator().toByteArray());
            assertThat(result.txId()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
            assertThat(header.getCreator().toByteArray()).isEqualTo(user.serialize());
            assertThat(org.fdcfabric.protocol.Signatures.verify(
                            user.certificate().getPublicKey(),
                            probe.stub.getSignedProposal().getProposalBytes().toByteArray(),
                            probe.stub.getSignedProposal().getSignature().toByteArray()))
                    .isTrue();
        }

        @Test
        void sameCallsGiveSameTxIdsOnEveryLedger() {
            InMemoryLedger other =
                    InMemoryLedger.builder().deploy("one", "probe", router).build();
            IssuedIdentity user = identities.provider(TestIdentities.ORG1);
            TxResult a1 = alice.submit("probe:Put", "k", "v");
            TxResult b1 = other.as(user).submit("probe:Put", "k", "v");
            TxResult a2 = alice.submit("probe:Put", "k", "v");
            assertThat(a1.txId()).isEqualTo(b1.txId()).hasSize(64);
            assertThat(a2.txId()).isNotEqualTo(a1.txId());
        }
    }

    @Nested
    class Clock {
        @Test
        void eachSubmitTicksAndEvaluateDoesNot() {
            Instant start = ledger.now();
            assertThat(alice.submit("probe:Put", "k", "v").timestamp()).isEqualTo(start);
            assertThat(alice.evaluate("probe:Get", "k").timestamp()).isEqualTo(start.plusSeconds(1));
            assertThat(ledger.now()).isEqualTo(start.plusSeconds(1));
        }

        @Test
        void explicitTimestampsAndAdvance() {
            Instant later = Instant.parse("2027-05-01T10:00:00Z");
            assertThat(alice.at(later).submit("probe:Put", "k", "v").timestamp())
                    .isEqualTo(later);
            ledger.advance(Duration.ofHours(2));
            assertThat(ledger.now()).isEqualTo(InMemoryLedger.DEFAULT_START.plus(Duration.ofHours(2)));
            String whoami = alice.at(later).evaluate("probe:Whoami").payloadText();
            assertThat(whoami.split("\\|")[4]).isEqualTo(later.toString());
        }
    }

    @Nested
    class CrossChaincode {
        @Test
        void sameChannelCalleeWritesCommitWithTheCaller() {
            TxResult result = alice.submit("probe:Call", "sibling", "", "probe:Put", "k", "v");
            assertThat(result.payloadText()).startsWith("200:");
            assertThat(ledger.state("sibling").get("k")).contains("v");
            assertThat(probe().get("caller-k")).contains("v");
        }

        @Test
        void crossChannelCalleeIsReadOnly() {
            ledger.as(identities.auditor()).on("remote").submit("probe:Put", "seen", "remote-value");
            var remoteBefore = ledger.state("remote").entries();

            TxResult write = alice.submit("probe:Call", "remote", "two", "probe:Put", "k", "v");
            TxResult read = alice.submit("probe:Call", "remote/two", "", "probe:Get", "seen", "ignored");

            assertThat(write.payloadText()).startsWith("200:");
            assertThat(read.payloadText()).isEqualTo("200::remote-value");
            assertThat(ledger.state("remote").entries()).isEqualTo(remoteBefore).hasSize(1);
            assertThat(probe().get("caller-k")).contains("v");
        }

        @Test
        void calleeErrorIsReturnedToTheCaller() {
            TxResult result = alice.submit("probe:Call", "remote", "two", "probe:PutThenFail", "k", "v");
            assertThat(result.payloadText()).isEqualTo("500:PROBE_FAILED: refused after writing k:PROBE_FAILED");
        }

        @Test
        void unknownChaincodeFailsTheCaller() {
            TxResult result = alice.submit("probe:Call", "nowhere", "two", "probe:Put", "k", "v");
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.ledgerErrors()).singleElement().asString().contains("nowhere@two");
            assertThat(ledger.snapshot().size()).isZero();
        }
    }

    /** A bare chaincode that keeps its stub, to inspect what the ledger hands a chaincode. */
    private static final class LedgerStubProbe implements org.hyperledger.fabric.shim.Chaincode {
        private org.hyperledger.fabric.shim.ChaincodeStub stub;

        @Override
        public Response init(org.hyperledger.fabric.shim.ChaincodeStub stub) {
            return invoke(stub);
        }

        @Override
        public Response invoke(org.hyperledger.fabric.shim.ChaincodeStub stub) {
            this.stub = stub;
            return new Response(200, "", "ok".getBytes(StandardCharsets.UTF_8));
        }
    }
}
