package org.fdcfabric.chaincode.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.collaboration.Consortium.FAR;
import static org.fdcfabric.chaincode.collaboration.Consortium.PAYER;
import static org.fdcfabric.chaincode.collaboration.Consortium.ok;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fdcfabric.chaincode.collaboration.audit.AuditContract;
import org.fdcfabric.chaincode.collaboration.job.JobContract;
import org.fdcfabric.chaincode.collaboration.pass.PassContract;
import org.fdcfabric.chaincode.collaboration.token.TokenContract;
import org.fdcfabric.chaincode.testing.StateSnapshot;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsageReport;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every caller role against every state-changing transaction, each on a ledger prepared so that the transaction
 * succeeds for an allowed caller. Allowed cells commit; every other cell fails with {@code UNAUTHORIZED_ROLE} and
 * writes nothing. Callers: a provider of Org1 (owner of {@code ds-1}), the data user, the compute organisation's
 * node, an auditor, the token admin (both of the auditor organisation, which administers the token) and an Org1
 * client without any {@code fdc.role}.
 */
@ExtendWith(SharedRouter.class)
class AuthorizationMatrixTest {
    static final String ORG1 = TestIdentities.ORG1;
    static final String ORG2 = TestIdentities.ORG2;
    static final List<String> CALLERS = List.of("provider", "data-user", "compute", "auditor", "token-admin", "none");

    static ContractRouter router;
    static TestIdentities ids;

    @BeforeAll
    static void setUp(ContractRouter shared) {
        router = shared;
        ids = TestIdentities.create();
    }

    record Cell(
            Consumer<Consortium> setup, BiFunction<Consortium, IssuedIdentity, TxResult> call, Set<String> allowed) {}

    static IssuedIdentity caller(String name) {
        return switch (name) {
            case "provider" -> ids.provider(ORG1);
            case "data-user" -> ids.dataUser();
            case "compute" -> ids.compute();
            case "auditor" -> ids.auditor();
            case "token-admin" -> ids.tokenAdmin();
            case "none" -> ids.noRole(ORG1);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static void funded(Consortium net) {
        net.initToken();
        for (String org : List.of(PAYER, ORG1, Consortium.COMPUTE, Consortium.TOKEN_ADMIN_MSP)) {
            net.mint(org, 10_000);
        }
        net.register(ORG1, "ds-1", 1_000);
    }

    static void requested(Consortium net) {
        funded(net);
        net.requestAccess("req-1", List.of("ds-1"), 3);
    }

    static void granted(Consortium net) {
        requested(net);
        net.grant(ORG1, "req-1", "ds-1", 3);
    }

    static void created(Consortium net) {
        granted(net);
        ok(net.createJobAs(ids.dataUser(), Consortium.offer("job-1", List.of("ds-1"), 1, 100, 10, 3)));
    }

    static void accepted(Consortium net) {
        created(net);
        ok(net.acceptAs(ids.provider(ORG1), "job-1", "ds-1", "req-1:ds-1", 10));
    }

    static void started(Consortium net) {
        accepted(net);
        ok(net.submit(ids.compute(), "job:StartJob", "job-1"));
        net.registerCenterKey(ORG1);
    }

    static void recorded(Consortium net) {
        started(net);
        ok(net.recordAs(ids.compute(), "job-1", Consortium.round(1, Map.of("ds-1", 10L), List.of())));
    }

    static Map<String, Cell> cells() {
        Map<String, Cell> cells = new LinkedHashMap<>();
        cells.put(
                "token:Initialize",
                new Cell(
                        net -> {},
                        (net, who) -> net.submit(who, "token:Initialize", "FDC Token", Consortium.TOKEN_ADMIN_MSP),
                        Set.of("token-admin")));
        cells.put(
                "token:Mint",
                new Cell(
                        AuthorizationMatrixTest::funded,
                        (net, who) -> net.submit(who, "token:Mint", ORG2, "5"),
                        Set.of("token-admin")));
        cells.put(
                "token:Transfer",
                new Cell(
                        AuthorizationMatrixTest::funded,
                        (net, who) -> net.submit(who, "token:Transfer", ORG2, "5"),
                        Set.of("provider", "data-user", "compute", "token-admin")));
        cells.put(
                "pass:RequestAccess",
                new Cell(
                        AuthorizationMatrixTest::funded,
                        (net, who) -> {
                            CollaborationRequest request = net.request("req-1", List.of("ds-1"), 1);
                            return net.submitRequest(who, request, Consortium.sign(who, request));
                        },
                        Set.of("data-user")));
        cells.put(
                "pass:GrantPass",
                new Cell(
                        AuthorizationMatrixTest::requested,
                        (net, who) -> net.grantAs(who, "req-1", "ds-1", FAR, 1),
                        Set.of("provider")));
        cells.put(
                "pass:DenyRequest",
                new Cell(
                        AuthorizationMatrixTest::requested,
                        (net, who) -> net.submit(who, "pass:DenyRequest", "req-1", "ds-1", "not now"),
                        Set.of("provider")));
        cells.put(
                "pass:RevokePass",
                new Cell(
                        AuthorizationMatrixTest::granted,
                        (net, who) -> net.submit(who, "pass:RevokePass", "req-1:ds-1", "withdrawn"),
                        Set.of("provider")));
        cells.put(
                "job:CreateJob",
                new Cell(
                        AuthorizationMatrixTest::granted,
                        (net, who) -> net.createJobAs(who, Consortium.offer("job-1", List.of("ds-1"), 1, 100, 10, 3)),
                        Set.of("data-user")));
        cells.put(
                "job:AcceptJob",
                new Cell(
                        AuthorizationMatrixTest::created,
                        (net, who) -> net.acceptAs(who, "job-1", "ds-1", "req-1:ds-1", 10),
                        Set.of("provider")));
        cells.put(
                "job:StartJob",
                new Cell(
                        AuthorizationMatrixTest::accepted,
                        (net, who) -> net.submit(who, "job:StartJob", "job-1"),
                        Set.of("compute")));
        cells.put(
                "job:RecordRound",
                new Cell(
                        AuthorizationMatrixTest::started,
                        (net, who) -> net.recordAs(who, "job-1", Consortium.round(1, Map.of("ds-1", 10L), List.of())),
                        Set.of("compute")));
        cells.put(
                "job:RegisterCenterKey",
                new Cell(
                        AuthorizationMatrixTest::funded,
                        (net, who) -> net.submit(who, "job:RegisterCenterKey"),
                        Set.of("provider")));
        cells.put(
                "job:CompleteJob",
                new Cell(
                        AuthorizationMatrixTest::recorded,
                        (net, who) -> net.submit(who, "job:CompleteJob", "job-1"),
                        Set.of("compute", "data-user")));
        cells.put(
                "job:FailJob",
                new Cell(
                        AuthorizationMatrixTest::started,
                        (net, who) -> net.submit(who, "job:FailJob", "job-1", "attempts used up"),
                        Set.of("compute")));
        cells.put(
                "job:CancelJob",
                new Cell(
                        AuthorizationMatrixTest::started,
                        (net, who) -> net.submit(who, "job:CancelJob", "job-1"),
                        Set.of("data-user")));
        cells.put(
                "audit:RecordUsage",
                new Cell(
                        AuthorizationMatrixTest::funded,
                        (net, who) -> net.submit(
                                who,
                                "audit:RecordUsage",
                                CanonicalJson.write(new UsageReport(
                                        "ds-1",
                                        UsageKind.REFUSED,
                                        "job-1",
                                        null,
                                        TestIdentities.ORG3,
                                        null,
                                        "no valid pass",
                                        null))),
                        Set.of("provider")));
        return cells;
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        cells().keySet().forEach(tx -> CALLERS.forEach(who -> all.add(Arguments.of(tx, who))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void onlyAllowedRolesChangeState(String transaction, String who) {
        Cell cell = cells().get(transaction);
        Consortium net = new Consortium(router, ids);
        cell.setup().accept(net);
        StateSnapshot before = net.ledger.snapshot();

        TxResult result = cell.call().apply(net, caller(who));

        if (cell.allowed().contains(who)) {
            assertThat(result.isSuccess())
                    .as("%s as %s: %s", transaction, who, result)
                    .isTrue();
            assertThat(result.committed()).isTrue();
            assertThat(net.ledger.snapshot()).isNotEqualTo(before);
        } else {
            assertThat(result.errorCode())
                    .as("%s as %s: %s", transaction, who, result)
                    .isEqualTo("UNAUTHORIZED_ROLE");
            assertThat(result.committed()).isFalse();
            assertThat(net.ledger.snapshot()).isEqualTo(before);
        }
    }

    /** Read from the contracts' annotations, so a new SUBMIT transaction without a matrix row fails here. */
    @Test
    void theMatrixCoversEveryStateChangingTransaction() {
        List<String> submits = new ArrayList<>();
        for (Class<?> contract :
                List.of(TokenContract.class, PassContract.class, JobContract.class, AuditContract.class)) {
            String name = contract.getAnnotation(Contract.class).name();
            for (Method method : contract.getDeclaredMethods()) {
                Transaction tx = method.getAnnotation(Transaction.class);
                if (tx != null && tx.intent() == Transaction.TYPE.SUBMIT) {
                    submits.add(name + ":" + method.getName());
                }
            }
        }
        assertThat(submits).hasSize(16).containsExactlyInAnyOrderElementsOf(cells().keySet());
    }
}
