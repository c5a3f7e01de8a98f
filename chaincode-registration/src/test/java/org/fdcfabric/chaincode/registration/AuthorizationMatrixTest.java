package org.fdcfabric.chaincode.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.assertRefused;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.draft;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.LedgerClient;
import org.fdcfabric.chaincode.testing.StateSnapshot;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of caller against every state-changing transaction of the registration contract, on a ledger where
 * Org1MSP owns one dataset. Allowed: RegisterDataset for any provider certificate; UpdateDataset and
 * RetireDataset for providers of the owning organisation. Every other cell is refused with the reason's code and
 * writes nothing. Queries are open to every caller.
 */
class AuthorizationMatrixTest {
    private static final String OWNED = "org1.owned";
    private static TestIdentities ids;

    @BeforeAll
    static void consortium() {
        ids = TestIdentities.create();
    }

    /** A caller: its organisation, its role attribute (null for none), and how to issue it. */
    record CallerKind(String label, String msp, String role, Function<TestIdentities, IssuedIdentity> issue) {
        @Override
        public String toString() {
            return label;
        }
    }

    enum Operation {
        REGISTER(true),
        UPDATE(true),
        RETIRE(true),
        GET(false),
        LIST(false),
        HISTORY(false),
        TRAIL(false),
        VERIFY(false);

        final boolean changesState;

        Operation(boolean changesState) {
            this.changesState = changesState;
        }

        TxResult run(LedgerClient client, String label) {
            UclDraft changed = new UclDraft(
                    OWNED,
                    "changed by " + label,
                    "p",
                    draft(OWNED).schema(),
                    10,
                    draft(OWNED).merkleRoot(),
                    10,
                    "https://dc.example.org",
                    draft(OWNED).terms());
            return switch (this) {
                case REGISTER -> client.submit("registration:RegisterDataset", json(draft("new." + slug(label))));
                case UPDATE -> client.submit("registration:UpdateDataset", json(changed));
                case RETIRE -> client.submit("registration:RetireDataset", OWNED);
                case GET -> client.submit("registration:GetDataset", OWNED);
                case LIST -> client.submit("registration:ListDatasets", "", "10", "");
                case HISTORY -> client.submit("registration:DatasetHistory", OWNED, "10", "");
                case TRAIL -> client.submit("registration:GetTrail", "dataset:" + OWNED, "10", "");
                case VERIFY -> client.submit("registration:VerifyTrail", "dataset:" + OWNED);
            };
        }
    }

    static List<CallerKind> callers() {
        List<CallerKind> callers = new ArrayList<>();
        for (String msp : TestIdentities.ORGS) {
            for (Role role : Role.values()) {
                callers.add(new CallerKind(
                        msp + " " + role.attributeValue(), msp, role.attributeValue(), i -> i.user(msp, role)));
            }
            callers.add(new CallerKind(msp + " without role", msp, null, i -> i.noRole(msp)));
        }
        callers.add(new CallerKind(
                "Org1MSP role=Provider (wrong case)",
                "Org1MSP",
                "Provider",
                i -> i.issue("Org1MSP", "odd@org1.fdc", Map.of("fdc.role", "Provider"))));
        callers.add(new CallerKind(
                "Org1MSP role=provider-admin",
                "Org1MSP",
                "provider-admin",
                i -> i.issue("Org1MSP", "odd2@org1.fdc", Map.of("fdc.role", "provider-admin"))));
        return callers;
    }

    static Stream<Arguments> matrix() {
        return callers().stream()
                .flatMap(caller -> Stream.of(Operation.values()).map(op -> Arguments.of(caller, op)));
    }

    /** The expected error code of a cell, or null when the cell is allowed. */
    static String expectedRefusal(CallerKind caller, Operation op) {
        if (!op.changesState) {
            return null;
        }
        if (!"provider".equals(caller.role())) {
            return "NOT_A_PROVIDER";
        }
        if (op != Operation.REGISTER && !caller.msp().equals(TestIdentities.ORG1)) {
            return "NOT_OWNER";
        }
        return null;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("matrix")
    void onlyAllowedCellsSucceed(CallerKind caller, Operation op) {
        InMemoryLedger ledger = RegistrationLedger.create();
        TxResult setup =
                ledger.as(ids.provider(TestIdentities.ORG1)).submit("registration:RegisterDataset", json(draft(OWNED)));
        assertThat(setup.isSuccess()).as("%s", setup).isTrue();
        StateSnapshot before = ledger.snapshot();

        TxResult result = op.run(ledger.as(caller.issue().apply(ids)), caller.label());

        String refusal = expectedRefusal(caller, op);
        if (refusal == null) {
            assertThat(result.isSuccess()).as("%s", result).isTrue();
            assertThat(result.committed()).isTrue();
            assertThat(ledger.snapshot().equals(before)).isEqualTo(!op.changesState);
            assertThat(result.event().isPresent()).isEqualTo(op.changesState);
        } else {
            assertRefused(ledger, before, result, refusal);
        }
    }

    private static String slug(String label) {
        return label.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }
}
