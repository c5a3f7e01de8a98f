package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.token.TokenTransfer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutputTest {
    private final StringWriter text = new StringWriter();
    private final Committed<TokenTransfer> committed =
            new Committed<>(new TokenTransfer("DataUserMSP", "Provider1MSP", 25, "transfer"), "a1b2", 12, 2);

    @Nested
    class Committing {
        @Test
        void forPeopleAlignsFieldsAndAddsWhereItLanded() {
            new Output(new PrintWriter(text), false)
                    .committed(committed, Output.fields("transferred 25").add("from", "DataUserMSP"));

            assertThat(text.toString()).isEqualTo("""
                            transferred 25
                              from:        DataUserMSP
                              transaction: a1b2
                              block:       12
                              attempts:    2
                            """);
        }

        @Test
        void forMachinesIsOneCanonicalJsonDocument() {
            new Output(new PrintWriter(text), true).committed(committed, Output.fields("ignored"));

            assertThat(text.toString().strip())
                    .isEqualTo("{\"attempts\":2,\"blockNumber\":12,\"transactionId\":\"a1b2\",\"value\":{\"amount\":25,"
                            + "\"from\":\"DataUserMSP\",\"reason\":\"transfer\",\"to\":\"Provider1MSP\"}}");
        }

        @Test
        void absentValuesAndASingleAttemptAreLeftOut() {
            new Output(new PrintWriter(text), false)
                    .committed(
                            new Committed<>(committed.value(), "c3", 4, 1),
                            Output.fields("x").add("revoked", null));

            assertThat(text.toString()).doesNotContain("revoked").doesNotContain("attempts");
            assertThat(CanonicalJson.write(committed.value())).contains("\"amount\":25");
        }
    }
}
