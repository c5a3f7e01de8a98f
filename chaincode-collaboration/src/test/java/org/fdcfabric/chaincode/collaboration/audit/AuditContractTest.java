package org.fdcfabric.chaincode.collaboration.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.collaboration.Consortium.PAYER;
import static org.fdcfabric.chaincode.collaboration.Consortium.ok;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.chaincode.collaboration.Consortium;
import org.fdcfabric.chaincode.collaboration.SharedRouter;
import org.fdcfabric.chaincode.testing.StateView;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsagePage;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.trail.UsageReport;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRouter.class)
class AuditContractTest {
    static final String ORG1 = TestIdentities.ORG1;
    static final String ORG2 = TestIdentities.ORG2;
    static final String WALLET = "wallet:" + PAYER;

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
    }

    TrailVerdict verify(String subject) {
        return net.read(net.evaluate(ids.auditor(), "audit:VerifyTrail", subject), TrailVerdict.class);
    }

    StateView state() {
        return net.ledger.state(Consortium.COLLABORATION, Consortium.COLLABORATION);
    }

    static String entryKey(String subject, long seq) {
        return new CompositeKey("audit", subject, String.format("%019d", seq)).toString();
    }

    @Nested
    class Trails {
        @BeforeEach
        void fiveMints() {
            net.initToken();
            for (int i = 1; i <= 5; i++) {
                net.mint(PAYER, i);
            }
        }

        @Test
        void pagesThroughATrailInSequenceOrder() {
            List<AuditEntry> all = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                TrailPage page =
                        net.read(net.evaluate(ids.auditor(), "audit:GetTrail", WALLET, "2", bookmark), TrailPage.class);
                assertThat(page.subject()).isEqualTo(WALLET);
                all.addAll(page.entries());
                bookmark = page.bookmark();
                pages++;
            } while (!bookmark.isEmpty() && pages < 10);

            assertThat(all).extracting(AuditEntry::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(all).allSatisfy(e -> {
                assertThat(e.subject()).isEqualTo(WALLET);
                assertThat(e.action()).isEqualTo("token:Mint");
                assertThat(e.actorMsp()).isEqualTo(Consortium.TOKEN_ADMIN_MSP);
            });
            assertThat(AuditChain.verify(all)).isEmpty();
            assertThat(pages).isGreaterThanOrEqualTo(3);
        }

        @Test
        void theDetailsHashCommitsToTheRecordWritten() {
            TrailPage page =
                    net.read(net.evaluate(ids.auditor(), "audit:GetTrail", "token", "10", ""), TrailPage.class);
            String tokenRecord =
                    state().get(new CompositeKey("token").toString()).orElseThrow();
            assertThat(page.entries().get(page.entries().size() - 1).detailsHash())
                    .isEqualTo(org.fdcfabric.protocol.Hashes.sha256Hex(
                            tokenRecord.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Test
        void anIntactTrailVerifies() {
            TrailVerdict verdict = verify(WALLET);
            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.entries()).isEqualTo(5);
            assertThat(verdict.firstBreak()).isNull();
            assertThat(verdict.headHash()).hasSize(64);
        }

        @Test
        void anAlteredEntryIsDetected() {
            String key = entryKey(WALLET, 2);
            AuditEntry entry = CanonicalJson.read(state().get(key).orElseThrow(), AuditEntry.class);
            AuditEntry forged = new AuditEntry(
                    entry.subject(),
                    entry.seq(),
                    "token:Transfer",
                    entry.actorMsp(),
                    entry.actorId(),
                    entry.txId(),
                    entry.txTime(),
                    entry.detailsHash(),
                    entry.previousHash(),
                    entry.hash());
            state().overwrite(key, CanonicalJson.write(forged));

            TrailVerdict verdict = verify(WALLET);
            assertThat(verdict.valid()).isFalse();
            assertThat(verdict.firstBreak().seq()).isEqualTo(2);
        }

        @Test
        void aRemovedEntryIsDetected() {
            state().overwrite(entryKey(WALLET, 1), null);
            TrailVerdict verdict = verify(WALLET);
            assertThat(verdict.valid()).isFalse();
            assertThat(verdict.firstBreak().seq()).isEqualTo(1);
        }

        @Test
        void aTruncatedTailIsDetectedThroughTheHead() {
            state().overwrite(entryKey(WALLET, 4), null);
            TrailVerdict verdict = verify(WALLET);
            assertThat(verdict.valid()).isFalse();
            assertThat(verdict.firstBreak().reason()).contains("head");
        }

        @Test
        void trailHeadsIndexEverySubject() {
            var page = net.read(
                    net.evaluate(ids.auditor(), "audit:ListTrailHeads", "100", ""),
                    org.fdcfabric.protocol.trail.TrailHeadPage.class);
            assertThat(page.heads()).extracting(AuditEntry::subject).containsExactly("token", WALLET);
            assertThat(page.heads()).extracting(AuditEntry::seq).containsExactly(5L, 4L);
            assertThat(page.heads().get(1).hash()).isEqualTo(verify(WALLET).headHash());
        }

        @Test
        void anUnknownSubjectHasAnEmptyValidTrail() {
            TrailVerdict verdict = verify("job:nothing");
            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.entries()).isZero();
        }

        @Test
        void badSubjectsAndPagesAreRefused() {
            assertThat(net.evaluate(ids.auditor(), "audit:GetTrail", "", "10", "")
                            .errorCode())
                    .isEqualTo("INVALID_SUBJECT");
            assertThat(net.evaluate(ids.auditor(), "audit:VerifyTrail", "x".repeat(201))
                            .errorCode())
                    .isEqualTo("INVALID_SUBJECT");
            assertThat(net.evaluate(ids.auditor(), "audit:GetTrail", WALLET, "abc", "")
                            .errorCode())
                    .isEqualTo("INVALID_PAGE");
        }
    }

    @Nested
    class RecordUsage {
        @BeforeEach
        void datasets() {
            net.register(ORG1, "ds-1", 100);
        }

        TxResult report(org.fdcfabric.msp.IssuedIdentity who, UsageReport report) {
            return net.submit(who, "audit:RecordUsage", CanonicalJson.write(report));
        }

        @Test
        void theOwnerReportsUsesAndRefusals() {
            UsageReport refusal = new UsageReport(
                    "ds-1", UsageKind.REFUSED, "job-7", "req-1:ds-1", ORG2, 3L, "pass revoked", "ef".repeat(32));
            TxResult first = ok(report(ids.provider(ORG1), refusal));
            UsageReport training =
                    new UsageReport("ds-1", UsageKind.TRAIN, "job-7", "req-1:ds-1", null, 1L, null, null);
            ok(report(ids.provider(ORG1), training));

            UsageRecord record = net.read(first, UsageRecord.class);
            assertThat(record.report()).isEqualTo(refusal);
            assertThat(record.seq()).isZero();
            assertThat(record.reporterMsp()).isEqualTo(ORG1);
            assertThat(first.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("UsageRecorded"));
            UsagePage page =
                    net.read(net.evaluate(ids.auditor(), "audit:ListUsage", "ds-1", "10", ""), UsagePage.class);
            assertThat(page.usage()).extracting(UsageRecord::report).containsExactly(refusal, training);
            assertThat(page.usage()).extracting(UsageRecord::seq).containsExactly(0L, 1L);
            TrailVerdict verdict = verify("dataset:ds-1");
            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.entries()).isEqualTo(2);
        }

        @Test
        void badReportsAreRefusedWithTheirCodes() {
            UsageReport good = new UsageReport("ds-1", UsageKind.EVALUATE, null, null, null, null, null, null);
            net.rejects("NOT_DATASET_OWNER", () -> report(ids.provider(ORG2), good));
            net.rejects("UNAUTHORIZED_ROLE", () -> report(ids.auditor(), good));
            net.rejects(
                    "DATASET_NOT_FOUND",
                    () -> report(
                            ids.provider(ORG1),
                            new UsageReport("ds-9", UsageKind.TRAIN, null, null, null, null, null, null)));
            net.rejects(
                    "INVALID_DATASET_ID",
                    () -> report(
                            ids.provider(ORG1),
                            new UsageReport("DS 1", UsageKind.TRAIN, null, null, null, null, null, null)));
            net.rejects(
                    "INVALID_USAGE",
                    () -> report(
                            ids.provider(ORG1), new UsageReport("ds-1", null, null, null, null, null, null, null)));
            net.rejects(
                    "INVALID_USAGE",
                    () -> report(
                            ids.provider(ORG1),
                            new UsageReport("ds-1", UsageKind.TRAIN, null, null, null, 0L, null, null)));
            net.rejects(
                    "INVALID_USAGE",
                    () -> report(
                            ids.provider(ORG1),
                            new UsageReport("ds-1", UsageKind.TRAIN, null, null, null, null, null, "xyz")));
            net.rejects(
                    "INVALID_JOB_ID",
                    () -> report(
                            ids.provider(ORG1),
                            new UsageReport("ds-1", UsageKind.TRAIN, "job 1", null, null, null, null, null)));
            net.rejects(
                    "INVALID_MSP_ID",
                    () -> report(
                            ids.provider(ORG1),
                            new UsageReport("ds-1", UsageKind.TRAIN, null, null, "bad msp", null, null, null)));
            net.rejects(
                    "MALFORMED_JSON",
                    () -> net.submit(
                            ids.provider(ORG1), "audit:RecordUsage", "{\"datasetId\":\"ds-1\",\"kind\":\"STEAL\"}"));
        }
    }
}
