package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.fdcfabric.client.ChaincodeRejected;
import org.fdcfabric.client.CommitFailed;
import org.fdcfabric.client.CommitUnknown;
import org.fdcfabric.client.EndorsementFailed;
import org.fdcfabric.client.NodeError;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ErrorRendererTest {
    private final StringWriter err = new StringWriter();
    private final ErrorRenderer renderer = new ErrorRenderer(new PrintWriter(err));

    @Nested
    class Text {
        @Test
        void aChaincodeErrorShowsItsCodeAndMessage() {
            int exit = renderer.render(
                    new ChaincodeRejected("registration:GetDataset", "DATASET_NOT_FOUND", "no dataset ds-9", null),
                    false);

            assertThat(exit).isEqualTo(ExitCodes.REJECTED);
            assertThat(err.toString())
                    .isEqualTo("error: DATASET_NOT_FOUND: no dataset ds-9 (registration:GetDataset)\n");
        }

        @Test
        void anInvalidInputShowsItsCode() {
            int exit = renderer.render(
                    new InvalidInputException("INVALID_AMOUNT", "amount must be positive, was 0"), false);

            assertThat(exit).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(err.toString()).isEqualTo("error: INVALID_AMOUNT: amount must be positive, was 0\n");
        }

        @Test
        void anInvalidCommitShowsTheValidationCode() {
            int exit = renderer.render(
                    new CommitFailed("token:Transfer", "abc123", TxValidationCode.MVCC_READ_CONFLICT, 7, 5), false);

            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString())
                    .contains("abc123")
                    .contains("MVCC_READ_CONFLICT")
                    .contains("after 5 attempts");
        }

        @Test
        void anEndorsementFailureNamesTheNodes() {
            int exit = renderer.render(
                    new EndorsementFailed(
                            "pass:GrantPass",
                            "ABORTED: failed to endorse transaction",
                            List.of(new NodeError("peer0.org2:7051", "Org2MSP", "signature invalid")),
                            null),
                    false);

            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString()).contains("Org2MSP at peer0.org2:7051: signature invalid");
        }

        @Test
        void anUnknownOutcomeSaysToCheckTheTransaction() {
            int exit = renderer.render(new CommitUnknown("job:CreateJob", "tx9", "no commit status", null), false);

            assertThat(exit).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);
            assertThat(err.toString()).contains("tx9").contains("before resubmitting");
        }

        @Test
        void aBugIsAnInternalError() {
            int exit = renderer.render(new IllegalStateException("boom"), false);

            assertThat(exit).isEqualTo(ExitCodes.INTERNAL);
            assertThat(err.toString()).contains("internal error").contains("boom");
        }
    }

    @Nested
    class Json {
        @Test
        void carriesTypeCodeAndExitCode() {
            renderer.render(new ChaincodeRejected("token:Mint", "UNAUTHORIZED_ROLE", "needs token-admin", null), true);

            var error = CanonicalJson.tree(err.toString().strip()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("ChaincodeRejected");
            assertThat(error.get("code").asText()).isEqualTo("UNAUTHORIZED_ROLE");
            assertThat(error.get("transaction").asText()).isEqualTo("token:Mint");
            assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.REJECTED);
        }

        @Test
        void aProfileErrorNamesTheFile() {
            int exit = renderer.render(new ProfileInvalid(Path.of("/x/key.pem"), "is not a PEM private key"), true);

            assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(CanonicalJson.tree(err.toString().strip())
                            .get("error")
                            .get("file")
                            .asText())
                    .isEqualTo("/x/key.pem");
        }
    }
}
