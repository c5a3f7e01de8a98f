package org.fdcfabric.client.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fdcfabric.client.testing.ScriptedGateway.Outcome.failure;
import static org.fdcfabric.client.testing.ScriptedGateway.Outcome.result;
import static org.fdcfabric.client.testing.ScriptedGateway.Outcome.status;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.CommitFailed;
import org.fdcfabric.client.CommitUnknown;
import org.fdcfabric.client.EndorsementFailed;
import org.fdcfabric.client.ResponseUnreadable;
import org.fdcfabric.client.SubmitFailed;
import org.fdcfabric.client.Unreachable;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.testing.ScriptedGateway;
import org.fdcfabric.client.testing.TestProfiles;
import org.fdcfabric.client.token.TokenClient;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenTransfer;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retry policy and error mapping, driven through the real Gateway SDK against a scripted in-process
 * {@code gateway.Gateway} service.
 */
class ContractCallsTest {
    private static final String TRANSFER =
            "{\"amount\":5,\"from\":\"Org1MSP\",\"reason\":\"transfer\",\"to\":\"Org2MSP\"}";

    @TempDir
    Path dir;

    private final ScriptedGateway gateway = new ScriptedGateway();
    private Server server;
    private ManagedChannel channel;
    private FdcConnection connection;
    private TokenClient tokens;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server =
                InProcessServerBuilder.forName(name).addService(gateway).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        connection = FdcConnection.builder()
                .profile(TestProfiles.write(dir, "gateway.test:7051"))
                .identity("alice")
                .channel(channel)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4), 2))
                .connect();
        tokens = connection.tokens();
    }

    @AfterEach
    void stop() {
        connection.close();
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Nested
    class Evaluate {
        @Test
        void decodesTheRecordAndSendsTheQualifiedTransactionName() throws Exception {
            gateway.onEvaluate(result("{\"account\":\"Org1MSP\",\"balance\":42}"));

            Balance balance = tokens.balanceOf("Org1MSP");

            assertThat(balance).isEqualTo(new Balance("Org1MSP", 42));
            assertThat(gateway.evaluatedArgs()).containsExactly(java.util.List.of("token:BalanceOf", "Org1MSP"));
        }

        @Test
        void aChaincodeErrorCarriesItsCode() {
            gateway.onEvaluate(failure(ScriptedGateway.failure(
                    Status.Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, "
                            + "TOKEN_NOT_INITIALIZED: the token is not initialized")));

            assertThatThrownBy(() -> tokens.balanceOf("Org1MSP")).isInstanceOfSatisfying(ChaincodeRejected.class, e -> {
                assertThat(e.code()).isEqualTo("TOKEN_NOT_INITIALIZED");
                assertThat(e.detail()).isEqualTo("the token is not initialized");
                assertThat(e.transaction()).isEqualTo("token:BalanceOf");
            });
        }

        @Test
        void aChaincodeErrorInANodeDetailIsFoundThere() {
            gateway.onEvaluate(failure(ScriptedGateway.failure(
                    Status.Code.ABORTED,
                    "failed to evaluate transaction, see attached details for more info",
                    ScriptedGateway.detail("peer0.org1:7051", "Org1MSP", "chaincode response 500, Unexpected error"))));

            assertThatThrownBy(() -> tokens.balanceOf("Org1MSP")).isInstanceOfSatisfying(ChaincodeRejected.class, e -> {
                assertThat(e.code()).isEqualTo(ChaincodeRejected.UNCLASSIFIED);
                assertThat(e.detail()).isEqualTo("Unexpected error");
            });
        }

        @Test
        void anUnavailableGatewayIsUnreachableNamingTheEndpoint() {
            // asked once and retried twice (the policy's three attempts), unavailable each time
            for (int i = 0; i < 3; i++) {
                gateway.onEvaluate(failure(
                        Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException()));
            }

            assertThatThrownBy(() -> tokens.balanceOf("Org1MSP")).isInstanceOfSatisfying(Unreachable.class, e -> {
                assertThat(e.endpoint()).isEqualTo("gateway.test:7051");
                assertThat(e.getMessage()).contains("gateway.test:7051").contains("connection refused");
            });
        }

        @Test
        void aTimeoutIsUnreachableOnceEveryAttemptTimedOut() {
            for (int i = 0; i < 3; i++) {
                gateway.onEvaluate(failure(Status.DEADLINE_EXCEEDED.asRuntimeException()));
            }

            assertThatThrownBy(() -> tokens.balanceOf("Org1MSP"))
                    .isInstanceOf(Unreachable.class)
                    .hasMessageContaining("within 5 s");
        }

        @Test
        void aTimeoutOfAGatewaySlowedByLoadIsAskedAgain() throws Exception {
            gateway.onEvaluate(
                    failure(Status.DEADLINE_EXCEEDED.asRuntimeException()),
                    result("{\"account\":\"Org1MSP\",\"balance\":42}"));

            assertThat(tokens.balanceOf("Org1MSP").balance()).isEqualTo(42);
        }

        @Test
        void aRefusedProposalNamesTheFailingNodes() {
            gateway.onEvaluate(failure(ScriptedGateway.failure(
                    Status.Code.FAILED_PRECONDITION,
                    "evaluate call to endorser returned error",
                    ScriptedGateway.detail("peer0.org2:7051", "Org2MSP", "access denied: creator is not a member"))));

            assertThatThrownBy(() -> tokens.balanceOf("Org1MSP")).isInstanceOfSatisfying(EndorsementFailed.class, e -> {
                assertThat(e.nodes()).singleElement().satisfies(n -> {
                    assertThat(n.mspId()).isEqualTo("Org2MSP");
                    assertThat(n.address()).isEqualTo("peer0.org2:7051");
                });
                assertThat(e.getMessage()).contains("FAILED_PRECONDITION").contains("creator is not a member");
            });
        }

        @Test
        void aResultOfTheWrongShapeIsUnreadable() {
            gateway.onEvaluate(result("{\"account\":\"Org1MSP\",\"balance\":42,\"extra\":1}"));

            assertThatThrownBy(() -> tokens.balanceOf("Org1MSP"))
                    .isInstanceOf(ResponseUnreadable.class)
                    .hasMessageContaining("token:BalanceOf")
                    .hasMessageContaining("Balance");
        }
    }

    @Nested
    class Submit {
        @Test
        void aValidCommitReturnsTheResultWithItsTransaction() throws Exception {
            gateway.onEndorse(result(TRANSFER));

            Committed<TokenTransfer> committed = tokens.transfer("Org2MSP", 5);

            assertThat(committed.value()).isEqualTo(new TokenTransfer("Org1MSP", "Org2MSP", 5, "transfer"));
            assertThat(committed.attempts()).isEqualTo(1);
            assertThat(gateway.endorsedTxIds()).containsExactly(committed.transactionId());
            assertThat(gateway.submittedTxIds()).containsExactly(committed.transactionId());
            assertThat(gateway.polledTxIds()).containsExactly(committed.transactionId());
        }

        @Test
        void readConflictsAreRetriedWithNewProposals() throws Exception {
            gateway.onEndorse(result(TRANSFER), result(TRANSFER), result(TRANSFER))
                    .onCommitStatus(
                            status(TxValidationCode.MVCC_READ_CONFLICT),
                            status(TxValidationCode.PHANTOM_READ_CONFLICT),
                            status(TxValidationCode.VALID));

            Committed<TokenTransfer> committed = tokens.transfer("Org2MSP", 5);

            assertThat(committed.attempts()).isEqualTo(3);
            assertThat(new HashSet<>(gateway.endorsedTxIds())).hasSize(3);
            assertThat(gateway.endorsedTxIds()).last().isEqualTo(committed.transactionId());
        }

        @Test
        void readConflictsStopAtTheBound() {
            gateway.onCommitStatus(
                    status(TxValidationCode.MVCC_READ_CONFLICT),
                    status(TxValidationCode.MVCC_READ_CONFLICT),
                    status(TxValidationCode.MVCC_READ_CONFLICT),
                    status(TxValidationCode.VALID));

            assertThatThrownBy(() -> tokens.transfer("Org2MSP", 5)).isInstanceOfSatisfying(CommitFailed.class, e -> {
                assertThat(e.validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.transactionId()).isEqualTo(gateway.endorsedTxIds().get(2));
            });
            assertThat(gateway.endorsedTxIds()).hasSize(3);
        }

        @Test
        void otherValidationFailuresAreNotRetried() {
            gateway.onCommitStatus(status(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));

            assertThatThrownBy(() -> tokens.transfer("Org2MSP", 5)).isInstanceOfSatisfying(CommitFailed.class, e -> {
                assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
                assertThat(e.getMessage()).contains("ENDORSEMENT_POLICY_FAILURE");
            });
            assertThat(gateway.endorsedTxIds()).hasSize(1);
        }

        @Test
        void aChaincodeErrorIsNeverRetried() {
            gateway.onEndorse(failure(ScriptedGateway.failure(
                    Status.Code.ABORTED,
                    "failed to endorse transaction, see attached details for more info",
                    ScriptedGateway.detail(
                            "peer0.org1:7051",
                            "Org1MSP",
                            "chaincode response 500, INSUFFICIENT_FUNDS: Org1MSP holds 3 tokens, not 5"))));

            assertThatThrownBy(() -> tokens.transfer("Org2MSP", 5))
                    .isInstanceOfSatisfying(ChaincodeRejected.class, e -> {
                        assertThat(e.code()).isEqualTo("INSUFFICIENT_FUNDS");
                        assertThat(e.detail()).isEqualTo("Org1MSP holds 3 tokens, not 5");
                    });
            assertThat(gateway.endorsedTxIds()).hasSize(1);
            assertThat(gateway.submittedTxIds()).isEmpty();
        }

        @Test
        void aCommitStatusTimeoutPollsTheSameTransaction() throws Exception {
            gateway.onEndorse(result(TRANSFER))
                    .onCommitStatus(
                            failure(Status.DEADLINE_EXCEEDED.asRuntimeException()), status(TxValidationCode.VALID));

            Committed<TokenTransfer> committed = tokens.transfer("Org2MSP", 5);

            assertThat(gateway.endorsedTxIds()).hasSize(1);
            assertThat(gateway.polledTxIds()).containsExactly(committed.transactionId(), committed.transactionId());
        }

        @Test
        void aSubmitTimeoutPollsTheStatusInsteadOfReproposing() throws Exception {
            gateway.onEndorse(result(TRANSFER)).onSubmit(failure(Status.DEADLINE_EXCEEDED.asRuntimeException()));

            Committed<TokenTransfer> committed = tokens.transfer("Org2MSP", 5);

            assertThat(gateway.endorsedTxIds()).containsExactly(committed.transactionId());
            assertThat(gateway.submittedTxIds()).containsExactly(committed.transactionId());
            assertThat(gateway.polledTxIds()).containsExactly(committed.transactionId());
        }

        @Test
        void unavailableOrderersAreASubmitFailureNotAPoll() {
            gateway.onSubmit(failure(ScriptedGateway.failure(
                    Status.Code.UNAVAILABLE,
                    "no orderers could successfully process transaction",
                    ScriptedGateway.detail("orderer0:7050", "OrdererMSP", "connection refused"))));

            assertThatThrownBy(() -> tokens.transfer("Org2MSP", 5))
                    .isInstanceOf(SubmitFailed.class)
                    .hasMessageContaining("OrdererMSP at orderer0:7050: connection refused");
            assertThat(gateway.polledTxIds()).isEmpty();
        }

        @Test
        void anUnansweredCommitStatusIsUnknownNamingTheTransaction() {
            gateway.onCommitStatus(
                    failure(Status.DEADLINE_EXCEEDED.asRuntimeException()),
                    failure(Status.DEADLINE_EXCEEDED.asRuntimeException()));

            assertThatThrownBy(() -> tokens.transfer("Org2MSP", 5)).isInstanceOfSatisfying(CommitUnknown.class, e -> {
                assertThat(e.transactionId()).isEqualTo(gateway.endorsedTxIds().get(0));
                assertThat(e.getMessage()).contains("may still commit");
            });
            assertThat(gateway.polledTxIds()).hasSize(2);
            assertThat(gateway.endorsedTxIds()).hasSize(1);
        }

        @Test
        void anOrdererRefusalIsASubmitFailure() {
            gateway.onSubmit(failure(ScriptedGateway.failure(
                    Status.Code.ABORTED,
                    "received unsuccessful response from orderer: status=FORBIDDEN, info=implicit policy evaluation failed",
                    ScriptedGateway.detail("orderer0:7050", "OrdererMSP", "FORBIDDEN"))));

            assertThatThrownBy(() -> tokens.transfer("Org2MSP", 5)).isInstanceOfSatisfying(SubmitFailed.class, e -> {
                assertThat(e.transactionId()).isEqualTo(gateway.endorsedTxIds().get(0));
                assertThat(e.getMessage()).contains("FORBIDDEN").contains("orderer0:7050");
            });
            assertThat(gateway.polledTxIds()).isEmpty();
        }

        @Test
        void invalidArgumentsAreRefusedBeforeAnythingIsSent() {
            assertThatThrownBy(() -> tokens.transfer("Org2MSP", 0))
                    .isInstanceOf(org.fdcfabric.protocol.InvalidInputException.class)
                    .hasMessageStartingWith("INVALID_AMOUNT");
            assertThat(gateway.endorsedTxIds()).isEmpty();
        }
    }

    @Nested
    class Find {
        @Test
        void notFoundIsEmpty() throws Exception {
            gateway.onEvaluate(failure(ScriptedGateway.failure(
                    Status.Code.UNKNOWN, "chaincode response 500, PASS_NOT_FOUND: no pass r1:ds1")));

            assertThat(connection.passes().pass("r1:ds1")).isEmpty();
        }

        @Test
        void otherRefusalsStillThrow() {
            gateway.onEvaluate(failure(ScriptedGateway.failure(
                    Status.Code.UNKNOWN, "chaincode response 500, INVALID_ARGUMENT: bad pass id")));

            assertThatThrownBy(() -> connection.passes().pass("??"))
                    .isInstanceOfSatisfying(
                            ChaincodeRejected.class, e -> assertThat(e.code()).isEqualTo("INVALID_ARGUMENT"));
        }
    }
}
