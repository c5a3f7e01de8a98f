package org.fdcfabric.chaincode.collaboration.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.collaboration.Consortium.FAR;
import static org.fdcfabric.chaincode.collaboration.Consortium.PURPOSE;
import static org.fdcfabric.chaincode.collaboration.Consortium.ok;
import static org.fdcfabric.chaincode.collaboration.Consortium.sign;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fdcfabric.chaincode.collaboration.Consortium;
import org.fdcfabric.chaincode.collaboration.SharedRouter;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.DecisionOutcome;
import org.fdcfabric.protocol.pass.PassPage;
import org.fdcfabric.protocol.pass.PassStatus;
import org.fdcfabric.protocol.pass.PassVerdict;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.trail.TrailPage;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRouter.class)
class PassContractTest {
    static final String ORG1 = TestIdentities.ORG1;
    static final String ORG2 = TestIdentities.ORG2;

    static ContractRouter router;
    static TestIdentities ids;
    Consortium net;

    @BeforeAll
    static void setUp(ContractRouter shared) {
        router = shared;
        ids = TestIdentities.create();
    }

    @BeforeEach
    void freshLedger() {
        net = new Consortium(router, ids);
        net.register(ORG1, "ds-1", 1_000);
        net.register(ORG2, "ds-2", 500);
    }

    TxResult requestWith(IssuedIdentity caller, CollaborationRequest request, String signature) {
        return net.submitRequest(caller, request, signature);
    }

    @Nested
    class RequestAccess {
        @Test
        void storesTheSignedRequestForNonRepudiation() {
            CollaborationRequest request = net.request("req-1", List.of("ds-1", "ds-2"), 5);
            String signature = sign(ids.dataUser(), request);

            TxResult result = ok(requestWith(ids.dataUser(), request, signature));

            RequestRecord record = net.read(result, RequestRecord.class);
            assertThat(record.request()).isEqualTo(request);
            assertThat(record.signature())
                    .isEqualTo(HexFormat.of().formatHex(Base64.getDecoder().decode(signature)));
            assertThat(record.submittedAt()).isEqualTo(result.timestamp());
            assertThat(record.txId()).isEqualTo(result.txId());
            assertThat(record.submitterId()).contains("data-user@datauser.fdc");
            assertThat(record.decisions()).isEmpty();
            assertThat(result.event()).hasValueSatisfying(e -> {
                assertThat(e.name()).isEqualTo("AccessRequested");
                assertThat(e.payloadText()).isEqualTo(CanonicalJson.write(record));
            });
            assertThat(net.read(net.evaluate(ids.auditor(), "pass:GetRequest", "req-1"), RequestRecord.class))
                    .isEqualTo(record);
            TrailPage trail =
                    net.read(net.evaluate(ids.auditor(), "audit:GetTrail", "request:req-1", "10", ""), TrailPage.class);
            assertThat(trail.entries()).extracting(e -> e.action()).containsExactly("pass:RequestAccess");
        }

        @Test
        void acceptsAHexSignature() {
            CollaborationRequest request = net.request("req-hex", List.of("ds-1"), 1);
            String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(sign(ids.dataUser(), request)));
            ok(requestWith(ids.dataUser(), request, hex));
        }

        @Test
        void onlyDataUsersMayRequest() {
            CollaborationRequest request = net.request("req-1", List.of("ds-1"), 1);
            IssuedIdentity provider = ids.provider(ORG1);
            net.rejects("UNAUTHORIZED_ROLE", () -> requestWith(provider, request, sign(provider, request)));
        }

        @Test
        void theRequestMustNameTheCallersOrganisation() {
            CollaborationRequest other = new CollaborationRequest(
                    "req-1", ORG1, List.of("ds-1"), PURPOSE, "fedavg", 1, FAR, "ab".repeat(16));
            net.rejects("WRONG_ORGANISATION", () -> requestWith(ids.dataUser(), other, sign(ids.dataUser(), other)));
        }

        @Test
        void theSignatureMustVerifyAgainstTheCallersOwnCertificate() {
            CollaborationRequest request = net.request("req-1", List.of("ds-1"), 1);
            IssuedIdentity colleague =
                    ids.issue(TestIdentities.DATA_USER_ORG, "colleague@datauser.fdc", Map.of("fdc.role", "data-user"));
            CollaborationRequest altered = net.request("req-1", List.of("ds-1", "ds-2"), 1);

            net.rejects("INVALID_SIGNATURE", () -> requestWith(ids.dataUser(), request, sign(colleague, request)));
            net.rejects("INVALID_SIGNATURE", () -> requestWith(ids.dataUser(), request, sign(ids.dataUser(), altered)));
            net.rejects("INVALID_SIGNATURE", () -> requestWith(ids.dataUser(), request, "not a signature!"));
            net.rejects("INVALID_SIGNATURE", () -> requestWith(ids.dataUser(), request, ""));
            net.rejects("INVALID_SIGNATURE", () -> requestWith(ids.dataUser(), request, "MEUCIQ"));
        }

        @Test
        void malformedAndInvalidRequestsAreRefusedWithTheirCodes() {
            net.rejects("MALFORMED_JSON", () -> net.submit(ids.dataUser(), "pass:RequestAccess", "{", "00"));
            net.rejects(
                    "MALFORMED_JSON",
                    () -> net.submit(
                            ids.dataUser(), "pass:RequestAccess", "{\"requestId\":\"req-1\",\"extra\":1}", "00"));
            CollaborationRequest badNonce = new CollaborationRequest(
                    "req-1", Consortium.PAYER, List.of("ds-1"), PURPOSE, "fedavg", 1, FAR, "xyz");
            net.rejects("INVALID_NONCE", () -> requestWith(ids.dataUser(), badNonce, sign(ids.dataUser(), badNonce)));
            CollaborationRequest noRounds = new CollaborationRequest(
                    "req-1", Consortium.PAYER, List.of("ds-1"), PURPOSE, "fedavg", 0, FAR, "ab".repeat(16));
            net.rejects(
                    "INVALID_MAX_ROUNDS", () -> requestWith(ids.dataUser(), noRounds, sign(ids.dataUser(), noRounds)));
        }

        @Test
        void everyRequestRuleIsEnforcedWithItsCode() {
            String msp = Consortium.PAYER;
            String nonce = "ab".repeat(16);
            Map<String, CollaborationRequest> bad = new java.util.LinkedHashMap<>();
            bad.put(
                    "INVALID_REQUEST_ID",
                    new CollaborationRequest("x", msp, List.of("ds-1"), PURPOSE, "fedavg", 1, FAR, nonce));
            bad.put(
                    "INVALID_MSP_ID",
                    new CollaborationRequest("req-1", "bad msp", List.of("ds-1"), PURPOSE, "fedavg", 1, FAR, nonce));
            bad.put(
                    "INVALID_DATASET_IDS",
                    new CollaborationRequest("req-1", msp, List.of(), PURPOSE, "fedavg", 1, FAR, nonce));
            bad.put(
                    "INVALID_PURPOSE",
                    new CollaborationRequest("req-1", msp, List.of("ds-1"), " ", "fedavg", 1, FAR, nonce));
            bad.put(
                    "INVALID_COMPUTATION",
                    new CollaborationRequest("req-1", msp, List.of("ds-1"), PURPOSE, "", 1, FAR, nonce));
            bad.put(
                    "INVALID_MAX_ROUNDS",
                    new CollaborationRequest("req-1", msp, List.of("ds-1"), PURPOSE, "fedavg", 0, FAR, nonce));
            bad.put(
                    "INVALID_EXPIRY",
                    new CollaborationRequest("req-1", msp, List.of("ds-1"), PURPOSE, "fedavg", 1, null, nonce));
            bad.put(
                    "INVALID_NONCE",
                    new CollaborationRequest("req-1", msp, List.of("ds-1"), PURPOSE, "fedavg", 1, FAR, "XYZ"));
            bad.forEach((code, request) ->
                    net.rejects(code, () -> requestWith(ids.dataUser(), request, sign(ids.dataUser(), request))));
        }

        @Test
        void anExpiredRequestIsRefused() {
            CollaborationRequest expired = new CollaborationRequest(
                    "req-1",
                    Consortium.PAYER,
                    List.of("ds-1"),
                    PURPOSE,
                    "fedavg",
                    1,
                    net.ledger.now(),
                    "ab".repeat(16));
            net.rejects("REQUEST_EXPIRED", () -> requestWith(ids.dataUser(), expired, sign(ids.dataUser(), expired)));
        }

        @Test
        void idsAndNoncesAreNeverReused() {
            CollaborationRequest first = net.request("req-1", List.of("ds-1"), 1);
            ok(requestWith(ids.dataUser(), first, sign(ids.dataUser(), first)));

            CollaborationRequest sameId = net.request("req-1", List.of("ds-2"), 1);
            net.rejects("REQUEST_EXISTS", () -> requestWith(ids.dataUser(), sameId, sign(ids.dataUser(), sameId)));
            CollaborationRequest sameNonce = new CollaborationRequest(
                    "req-2", first.dataUserMsp(), first.datasetIds(), PURPOSE, "fedavg", 1, FAR, first.nonce());
            net.rejects("NONCE_REUSED", () -> requestWith(ids.dataUser(), sameNonce, sign(ids.dataUser(), sameNonce)));
        }

        @Test
        void everyDatasetMustBeRegistered() {
            CollaborationRequest request = net.request("req-1", List.of("ds-1", "ds-404"), 1);
            net.rejects("DATASET_NOT_FOUND", () -> requestWith(ids.dataUser(), request, sign(ids.dataUser(), request)));
        }
    }

    @Nested
    class GrantPass {
        @BeforeEach
        void request() {
            net.requestAccess("req-1", List.of("ds-1", "ds-2"), 5);
        }

        @Test
        void theOwnerIssuesAScopedPass() {
            Instant expiry = net.ledger.now().plus(Duration.ofDays(7));
            TxResult result = ok(net.grantAs(ids.provider(ORG1), "req-1", "ds-1", expiry, 3));

            AccessPass pass = net.read(result, AccessPass.class);
            assertThat(pass)
                    .isEqualTo(new AccessPass(
                            "req-1:ds-1",
                            "req-1",
                            "ds-1",
                            ORG1,
                            Consortium.PAYER,
                            PURPOSE,
                            "fedavg",
                            3,
                            0,
                            result.timestamp(),
                            expiry,
                            PassStatus.ACTIVE,
                            null,
                            null));
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("PassGranted"));
            assertThat(net.read(net.evaluate(ids.auditor(), "pass:GetPass", "req-1:ds-1"), AccessPass.class))
                    .isEqualTo(pass);
            RequestRecord record =
                    net.read(net.evaluate(ids.auditor(), "pass:GetRequest", "req-1"), RequestRecord.class);
            assertThat(record.decisionFor("ds-1")).hasValueSatisfying(d -> {
                assertThat(d.outcome()).isEqualTo(DecisionOutcome.GRANTED);
                assertThat(d.passId()).isEqualTo("req-1:ds-1");
                assertThat(d.decidedByMsp()).isEqualTo(ORG1);
            });
            PassPage page =
                    net.read(net.evaluate(ids.auditor(), "pass:ListPassesByDataset", "ds-1", "10", ""), PassPage.class);
            assertThat(page.passes()).containsExactly(pass);
        }

        @Test
        void onlyTheDatasetOwnerMayGrant() {
            net.rejects("NOT_DATASET_OWNER", () -> net.grantAs(ids.provider(ORG2), "req-1", "ds-1", FAR, 1));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.grantAs(ids.dataUser(), "req-1", "ds-1", FAR, 1));
        }

        @Test
        void badGrantsAreRefusedWithTheirCodes() {
            IssuedIdentity owner = ids.provider(ORG1);
            net.rejects("REQUEST_NOT_FOUND", () -> net.grantAs(owner, "req-404", "ds-1", FAR, 1));
            net.rejects("INVALID_REQUEST_ID", () -> net.grantAs(owner, "r", "ds-1", FAR, 1));
            net.rejects("INVALID_DATASET_ID", () -> net.grantAs(owner, "req-1", "DS 1", FAR, 1));
            net.rejects("DATASET_NOT_IN_REQUEST", () -> net.grantAs(owner, "req-1", "ds-3", FAR, 1));
            net.rejects("INVALID_EXPIRY", () -> net.grantAs(owner, "req-1", "ds-1", net.ledger.now(), 1));
            net.rejects(
                    "INVALID_ARGUMENT",
                    () -> net.submit(owner, "pass:GrantPass", "req-1", "ds-1", "next tuesday", "1"));
            net.rejects("INVALID_ROUNDS", () -> net.grantAs(owner, "req-1", "ds-1", FAR, 0));
            net.rejects("INVALID_ROUNDS", () -> net.grantAs(owner, "req-1", "ds-1", FAR, 6));
            net.rejects(
                    "INVALID_ROUNDS", () -> net.submit(owner, "pass:GrantPass", "req-1", "ds-1", FAR.toString(), "x"));
        }

        @Test
        void eachDatasetIsDecidedOnce() {
            net.grant(ORG1, "req-1", "ds-1", 1);
            net.rejects("ALREADY_DECIDED", () -> net.grantAs(ids.provider(ORG1), "req-1", "ds-1", FAR, 1));
            net.rejects(
                    "ALREADY_DECIDED",
                    () -> net.submit(ids.provider(ORG1), "pass:DenyRequest", "req-1", "ds-1", "changed my mind"));
        }

        @Test
        void aRetiredDatasetGetsNoPass() {
            net.retire(ORG1, "ds-1");
            net.rejects("DATASET_RETIRED", () -> net.grantAs(ids.provider(ORG1), "req-1", "ds-1", FAR, 1));
        }

        @Test
        void anExpiredRequestCannotBeGranted() {
            net.ledger.setTime(FAR);
            net.rejects(
                    "REQUEST_EXPIRED",
                    () -> net.grantAs(ids.provider(ORG1), "req-1", "ds-1", FAR.plus(Duration.ofDays(1)), 1));
        }
    }

    @Nested
    class DenyRequest {
        @BeforeEach
        void request() {
            net.requestAccess("req-1", List.of("ds-1", "ds-2"), 5);
        }

        @Test
        void theOwnerRecordsARefusalWithItsReason() {
            TxResult result =
                    ok(net.submit(ids.provider(ORG2), "pass:DenyRequest", "req-1", "ds-2", "purpose too broad"));

            RequestRecord record = net.read(result, RequestRecord.class);
            assertThat(record.decisionFor("ds-2")).hasValueSatisfying(d -> {
                assertThat(d.outcome()).isEqualTo(DecisionOutcome.DENIED);
                assertThat(d.reason()).isEqualTo("purpose too broad");
                assertThat(d.passId()).isNull();
            });
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("RequestDenied"));
            assertThat(net.evaluate(ids.auditor(), "pass:GetPass", "req-1:ds-2").errorCode())
                    .isEqualTo("PASS_NOT_FOUND");
        }

        @Test
        void badDenialsAreRefused() {
            net.rejects(
                    "NOT_DATASET_OWNER",
                    () -> net.submit(ids.provider(ORG1), "pass:DenyRequest", "req-1", "ds-2", "no"));
            net.rejects(
                    "INVALID_REASON", () -> net.submit(ids.provider(ORG2), "pass:DenyRequest", "req-1", "ds-2", " "));
            net.rejects(
                    "UNAUTHORIZED_ROLE", () -> net.submit(ids.compute(), "pass:DenyRequest", "req-1", "ds-2", "no"));
            net.rejects(
                    "REQUEST_NOT_FOUND",
                    () -> net.submit(ids.provider(ORG2), "pass:DenyRequest", "req-9", "ds-2", "no"));
        }
    }

    @Nested
    class RevokeAndVerify {
        String passId;

        @BeforeEach
        void grant() {
            net.requestAccess("req-1", List.of("ds-1", "ds-2"), 5);
            passId = net.grant(ORG1, "req-1", "ds-1", 2);
        }

        PassVerdict verify(String pass, String dataset, String purpose) {
            return net.read(
                    net.evaluate(ids.provider(ORG1), "pass:VerifyPass", pass, dataset, purpose), PassVerdict.class);
        }

        @Test
        void aFreshPassVerifiesForItsScopeOnly() {
            PassVerdict ok = verify(passId, "ds-1", PURPOSE);
            assertThat(ok.valid()).isTrue();
            assertThat(ok.roundsRemaining()).isEqualTo(2);
            assertThat(verify(passId, "ds-2", PURPOSE).reason()).isEqualTo(PassVerdict.DATASET_MISMATCH);
            assertThat(verify(passId, "ds-1", "advertising").reason()).isEqualTo(PassVerdict.PURPOSE_MISMATCH);
            assertThat(verify("req-1:ds-9", "ds-9", PURPOSE).reason()).isEqualTo(PassVerdict.PASS_NOT_FOUND);
        }

        @Test
        void expiryIsJudgedByTransactionTime() {
            net.ledger.setTime(FAR.minusSeconds(1));
            assertThat(verify(passId, "ds-1", PURPOSE).valid()).isTrue();
            net.ledger.setTime(FAR);
            assertThat(verify(passId, "ds-1", PURPOSE).reason()).isEqualTo(PassVerdict.PASS_EXPIRED);
        }

        @Test
        void theOwnerRevokesOnce() {
            TxResult result = ok(net.submit(ids.provider(ORG1), "pass:RevokePass", passId, "consent withdrawn"));

            AccessPass revoked = net.read(result, AccessPass.class);
            assertThat(revoked.status()).isEqualTo(PassStatus.REVOKED);
            assertThat(revoked.revokedAt()).isEqualTo(result.timestamp());
            assertThat(revoked.revokeReason()).isEqualTo("consent withdrawn");
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("PassRevoked"));
            assertThat(verify(passId, "ds-1", PURPOSE).reason()).isEqualTo(PassVerdict.PASS_REVOKED);
            net.rejects("PASS_NOT_ACTIVE", () -> net.submit(ids.provider(ORG1), "pass:RevokePass", passId, "again"));
            TrailPage trail = net.read(
                    net.evaluate(ids.auditor(), "audit:GetTrail", "pass:" + passId, "10", ""), TrailPage.class);
            assertThat(trail.entries())
                    .extracting(e -> e.action())
                    .containsExactly("pass:GrantPass", "pass:RevokePass");
        }

        @Test
        void othersCannotRevoke() {
            net.rejects(
                    "NOT_DATASET_OWNER", () -> net.submit(ids.provider(ORG2), "pass:RevokePass", passId, "mine now"));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.dataUser(), "pass:RevokePass", passId, "no"));
            net.rejects("PASS_NOT_FOUND", () -> net.submit(ids.provider(ORG1), "pass:RevokePass", "req-1:ds-9", "no"));
            net.rejects("INVALID_REASON", () -> net.submit(ids.provider(ORG1), "pass:RevokePass", passId, ""));
        }
    }

    @Test
    void unknownRecordsAreReportedAsNotFound() {
        assertThat(net.evaluate(ids.auditor(), "pass:GetRequest", "req-404").errorCode())
                .isEqualTo("REQUEST_NOT_FOUND");
        assertThat(net.evaluate(ids.auditor(), "pass:GetPass", "req-404:ds-1").errorCode())
                .isEqualTo("PASS_NOT_FOUND");
    }
}
