package org.fdcfabric.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.auditor.Scenario.COLLABORATION;
import static org.fdcfabric.auditor.Scenario.DS1;
import static org.fdcfabric.auditor.Scenario.DS2;
import static org.fdcfabric.auditor.Scenario.DS3;
import static org.fdcfabric.auditor.Scenario.JOB;
import static org.fdcfabric.auditor.Scenario.PASS1;
import static org.fdcfabric.auditor.Scenario.PASS2;
import static org.fdcfabric.auditor.Scenario.REGISTRATION;
import static org.fdcfabric.auditor.Scenario.roundHash;
import static org.fdcfabric.auditor.Scenario.seq;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.PayoutKind;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.Settlement;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.PassStatus;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.trail.UsageKind;
import org.fdcfabric.protocol.trail.UsageReport;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real collaboration audits clean; then each kind of violation is introduced in turn, by tampering with state
 * or by a chaincode call the contracts allow, and the audit must report exactly that violation with its evidence.
 */
@ExtendWith(SharedRouter.class)
class AuditCheckerTest {
    private static final String ORG1 = TestIdentities.ORG1;
    private static final String ORG2 = TestIdentities.ORG2;

    Scenario chain;

    @BeforeEach
    void collaborate(ContractRouter router, TestIdentities ids) {
        chain = Scenario.clean(router, ids);
    }

    /** The only violations are of {@code kind}; returns them. */
    private List<Violation> only(ViolationKind kind, AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.VIOLATIONS);
        assertThat(report.violations()).as("%s", report.toText()).isNotEmpty().allSatisfy(v -> assertThat(v.kind())
                .isEqualTo(kind));
        return report.violations();
    }

    private Violation single(ViolationKind kind, AuditReport report) {
        List<Violation> found = only(kind, report);
        assertThat(found).as("%s", report.toText()).hasSize(1);
        return found.get(0);
    }

    private String block(String step) {
        return Long.toString(chain.blocks.get(chain.step(step).txId()));
    }

    @Nested
    class AggregationModes {
        @Test
        void aSecureJobWithAFailedRoundAuditsCleanAndReportsHowEachRoundWasAggregated(
                ContractRouter router, TestIdentities ids) {
            AuditReport report = Scenario.secure(router, ids).audit();

            assertThat(report.verdict()).as("%s", report.toText()).isEqualTo(Verdict.CLEAN);
            JobLineage lineage = report.lineage().get(0);
            assertThat(lineage.rounds()).extracting(RoundNote::status).containsExactly("COMPLETED", "FAILED");
            assertThat(lineage.rounds().get(1).summary())
                    .isEqualTo("secure fedavg t=2: FAILED (TOO_FEW_MASKED_INPUTS), model kept, dropped [ds-2]");
            assertThat(lineage.finalModelHash()).isEqualTo(Scenario.roundHash(1));
            assertThat(report.toText()).contains("secure fedavg t=2: 2 survived");
        }

        @Test
        void flaggedUpdatesAreInformationNotViolations(ContractRouter router, TestIdentities ids) {
            AuditReport report = Scenario.robust(router, ids).audit();

            assertThat(report.verdict()).as("%s", report.toText()).isEqualTo(Verdict.CLEAN);
            assertThat(report.lineage().get(0).rounds().get(1).flagged())
                    .singleElement()
                    .satisfies(f -> assertThat(f.datasetId()).isEqualTo(Scenario.DS2));
            assertThat(report.toText())
                    .contains("plain trimmed-mean beta=0.2, 1 flagged")
                    .contains("info: ds-2 TRIMMED (norm 117.178): trimmed in 179 of 180");
        }
    }

    @Nested
    class CleanCollaboration {
        @Test
        void auditsCleanWithFullCoverage() {
            AuditReport report = chain.audit();

            assertThat(report.violations()).as("%s", report.toText()).isEmpty();
            assertThat(report.verdict()).isEqualTo(Verdict.CLEAN);
            Coverage c = report.coverage();
            assertThat(c.jobs()).isEqualTo(1);
            assertThat(c.rounds()).isEqualTo(2);
            assertThat(c.passes()).isEqualTo(2);
            assertThat(c.datasets()).isEqualTo(3);
            // token, 1 job, 2 passes, 1 request, wallets of the payer, 2 providers, compute and the escrow, the
            // center keys of 2 providers; plus 3 dataset trails on the registration channel
            assertThat(c.trails()).isEqualTo(1 + 1 + 2 + 1 + 5 + 2 + 3);
            assertThat(c.trailEntries()).isGreaterThan(20);
        }

        @Test
        void rebuildsTheModelLineage() {
            JobLineage lineage = chain.audit().lineage().get(0);

            assertThat(lineage.jobId()).isEqualTo(JOB);
            assertThat(lineage.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(lineage.roundHashes()).containsExactly(roundHash(1), roundHash(2));
            assertThat(lineage.finalModelHash()).isEqualTo(roundHash(2));
            assertThat(lineage.ucls())
                    .containsExactly(
                            new LineageUcl(DS1, ORG1, 1, Scenario.merkleRoot(DS1)),
                            new LineageUcl(DS2, ORG2, 1, Scenario.merkleRoot(DS2)));
        }

        @Test
        void acceptsAModelClaimThatMatchesTheChain() {
            AuditReport report = chain.audit(truthfulClaim());

            assertThat(report.violations()).as("%s", report.toText()).isEmpty();
        }

        @Test
        void aRevocationAfterTheRoundsAndATrainingReportAreNoViolations() {
            chain.submit("revoke", chain.ids.provider(ORG2), COLLABORATION, "pass:RevokePass", PASS2, "study over");
            chain.submit(
                    "usage",
                    chain.ids.provider(ORG1),
                    COLLABORATION,
                    "audit:RecordUsage",
                    CanonicalJson.write(new UsageReport(
                            DS1, UsageKind.TRAIN, JOB, PASS1, TestIdentities.COMPUTE_ORG, 1L, "local epoch", null)));

            AuditReport report = chain.audit();

            assertThat(report.violations()).as("%s", report.toText()).isEmpty();
            assertThat(report.coverage().usageRecords()).isEqualTo(1);
        }

        @Test
        void rendersCanonicalJsonAndText() {
            AuditReport report = chain.audit();

            String json = report.toJson();
            assertThat(json).isEqualTo(CanonicalJson.canonicalize(json)).contains("\"verdict\":\"CLEAN\"");
            assertThat(CanonicalJson.read(json, AuditReport.class)).isEqualTo(report);
            assertThat(chain.audit().toJson()).isEqualTo(json);
            assertThat(report.toText())
                    .startsWith("Audit verdict: CLEAN\n")
                    .contains("final model " + roundHash(2))
                    .contains("ucl ds-2 v1 of Org2MSP root " + Scenario.merkleRoot(DS2));
        }
    }

    @Nested
    class NoValidPass {
        AccessPass pass2() {
            return chain.get(COLLABORATION, AccessPass.class, "pass", PASS2);
        }

        AccessPass with(AccessPass p, String purpose, long roundsGranted, java.time.Instant expiresAt) {
            return new AccessPass(
                    p.passId(),
                    p.requestId(),
                    p.datasetId(),
                    p.ownerMsp(),
                    p.holderMsp(),
                    purpose,
                    p.computation(),
                    roundsGranted,
                    p.roundsUsed(),
                    p.issuedAt(),
                    expiresAt,
                    p.status(),
                    p.revokedAt(),
                    p.revokeReason());
        }

        @Test
        void aPassThatDoesNotExistIsFlaggedForEveryRoundItServed() {
            for (AuditEntry e : chain.trail(COLLABORATION, "pass:" + PASS2)) {
                chain.delete(COLLABORATION, "audit", e.subject(), seq(e.seq()));
            }
            chain.delete(COLLABORATION, "audithead", "pass:" + PASS2);
            chain.delete(COLLABORATION, "pass", PASS2);
            chain.delete(COLLABORATION, "passbyds", DS2, PASS2);

            List<Violation> found = only(ViolationKind.NO_VALID_PASS, chain.audit());

            assertThat(found).hasSize(2).allSatisfy(v -> {
                assertThat(v.subject()).isEqualTo("job:" + JOB);
                assertThat(v.evidence())
                        .containsEntry("reason", "PASS_NOT_FOUND")
                        .containsEntry("passId", PASS2)
                        .containsEntry("datasetId", DS2);
            });
            assertThat(found.get(0).evidence())
                    .containsEntry("round", "1")
                    .containsEntry("roundTxId", chain.step("round-1").txId())
                    .containsEntry("roundBlock", block("round-1"));
            assertThat(found.get(1).evidence()).containsEntry("round", "2");
        }

        @Test
        void aPassRevokedBeforeARoundIsFlaggedForThatRound() {
            // the real revocation comes after the job: clean; then it is backdated between the two rounds
            chain.submit(
                    "revoke", chain.ids.provider(ORG2), COLLABORATION, "pass:RevokePass", PASS2, "consent withdrawn");
            assertThat(chain.audit().violations()).isEmpty();
            AccessPass revoked = pass2();
            var backdated = chain.step("round-1").timestamp().plusMillis(500);
            chain.forge(
                    "pass:" + PASS2,
                    new AccessPass(
                            revoked.passId(),
                            revoked.requestId(),
                            revoked.datasetId(),
                            revoked.ownerMsp(),
                            revoked.holderMsp(),
                            revoked.purpose(),
                            revoked.computation(),
                            revoked.roundsGranted(),
                            revoked.roundsUsed(),
                            revoked.issuedAt(),
                            revoked.expiresAt(),
                            PassStatus.REVOKED,
                            backdated,
                            revoked.revokeReason()),
                    "pass",
                    PASS2);

            Violation v = single(ViolationKind.NO_VALID_PASS, chain.audit());

            assertThat(v.evidence())
                    .containsEntry("reason", "PASS_REVOKED")
                    .containsEntry("round", "2")
                    .containsEntry("passId", PASS2)
                    .containsEntry("revokedAt", backdated.toString())
                    .containsEntry(
                            "roundTime", chain.step("round-2").timestamp().toString())
                    .containsEntry("roundTxId", chain.step("round-2").txId())
                    .containsEntry("roundBlock", block("round-2"));
        }

        @Test
        void aPassExpiredByTheRoundsTransactionTimeIsFlagged() {
            var expiry = chain.step("round-2").timestamp();
            chain.forge("pass:" + PASS2, with(pass2(), Scenario.PURPOSE, 5, expiry), "pass", PASS2);

            Violation v = single(ViolationKind.NO_VALID_PASS, chain.audit());

            assertThat(v.evidence())
                    .containsEntry("reason", "PASS_EXPIRED")
                    .containsEntry("round", "2")
                    .containsEntry("expiresAt", expiry.toString());
        }

        @Test
        void aPassForAnotherPurposeIsFlaggedForEveryRound() {
            chain.forge("pass:" + PASS2, with(pass2(), "advertising", 5, Scenario.FAR), "pass", PASS2);

            List<Violation> found = only(ViolationKind.NO_VALID_PASS, chain.audit());

            assertThat(found).hasSize(2).allSatisfy(v -> assertThat(v.evidence())
                    .containsEntry("reason", "PURPOSE_MISMATCH")
                    .containsEntry("passPurpose", "advertising")
                    .containsEntry("jobPurpose", Scenario.PURPOSE));
        }

        @Test
        void aRoundBeyondThePassesRoundBudgetIsFlagged() {
            chain.forge("pass:" + PASS2, with(pass2(), Scenario.PURPOSE, 1, Scenario.FAR), "pass", PASS2);

            Violation v = single(ViolationKind.NO_VALID_PASS, chain.audit());

            assertThat(v.evidence())
                    .containsEntry("reason", "ROUNDS_EXHAUSTED")
                    .containsEntry("round", "2")
                    .containsEntry("use", "2")
                    .containsEntry("roundsGranted", "1");
        }
    }

    @Nested
    class PayoutMismatch {
        @Test
        void fewerRecordedSamplesThanWerePaidForAreFlagged() {
            RoundRecord r1 = chain.get(COLLABORATION, RoundRecord.class, "round", JOB, seq(1));
            List<RoundParticipant> fewer = new ArrayList<>();
            for (RoundParticipant p : r1.participants()) {
                fewer.add(
                        p.datasetId().equals(DS1)
                                ? new RoundParticipant(
                                        p.datasetId(),
                                        p.providerMsp(),
                                        p.passId(),
                                        300,
                                        p.updateCommitment(),
                                        p.usage())
                                : p);
            }
            chain.put(
                    COLLABORATION,
                    new RoundRecord(
                            r1.jobId(),
                            r1.round(),
                            fewer,
                            r1.stragglers(),
                            r1.aggregateModelHash(),
                            r1.metrics(),
                            r1.recordedByMsp(),
                            r1.recordedAt(),
                            r1.txId(),
                            r1.aggregation(),
                            r1.progress()),
                    "round",
                    JOB,
                    seq(1));

            AuditReport report = chain.audit();
            // the center signed 600 samples, so the rewritten round is also no longer its word
            assertThat(report.violations())
                    .filteredOn(u -> u.kind() == ViolationKind.UNCORROBORATED_ROUND)
                    .singleElement()
                    .satisfies(u -> assertThat(u.evidence())
                            .containsEntry("datasetId", DS1)
                            .containsEntry("reason", "SIGNATURE_INVALID"));
            assertThat(report.violations())
                    .extracting(Violation::kind)
                    .containsOnly(ViolationKind.PAYOUT_MISMATCH, ViolationKind.UNCORROBORATED_ROUND);
            Violation v = report.violations().stream()
                    .filter(u -> u.kind() == ViolationKind.PAYOUT_MISMATCH)
                    .findFirst()
                    .orElseThrow();

            assertThat(v.subject()).isEqualTo("job:" + JOB);
            assertThat(v.evidence())
                    .containsEntry("PROVIDER:Org1MSP:ds-1.expected", "800")
                    .containsEntry("PROVIDER:Org1MSP:ds-1.recorded", "1100")
                    .containsEntry("PROVIDER:Org1MSP:ds-1.sampleRounds", "800")
                    .containsEntry("REFUND:DataUserMSP.expected", "3400")
                    .containsEntry("REFUND:DataUserMSP.recorded", "3100")
                    .containsEntry("settlementTxId", chain.step("complete").txId())
                    .containsEntry("settlementBlock", block("complete"))
                    .doesNotContainKey("PROVIDER:Org2MSP:ds-2.expected");
        }

        @Test
        void aSettlementRewrittenInItsTrailIsStillFlagged() {
            TrainingJob job = chain.get(COLLABORATION, TrainingJob.class, "job", JOB);
            Settlement s = job.settlement();
            List<Payout> shifted = new ArrayList<>();
            for (Payout p : s.payouts()) {
                long delta = DS1.equals(p.datasetId()) ? -100 : DS2.equals(p.datasetId()) ? 100 : 0;
                shifted.add(new Payout(p.account(), p.amount() + delta, p.kind(), p.datasetId(), p.sampleRounds()));
            }
            chain.forge(
                    "job:" + JOB,
                    job.settled(new Settlement(s.outcome(), s.escrowed(), shifted, s.settledAt(), s.txId())),
                    "job",
                    JOB);

            Violation v = single(ViolationKind.PAYOUT_MISMATCH, chain.audit());

            assertThat(v.evidence())
                    .containsEntry("PROVIDER:Org1MSP:ds-1.expected", "1100")
                    .containsEntry("PROVIDER:Org1MSP:ds-1.recorded", "1000")
                    .containsEntry("PROVIDER:Org2MSP:ds-2.expected", "800")
                    .containsEntry("PROVIDER:Org2MSP:ds-2.recorded", "900");
        }

        @Test
        void aCancelledJobMustRefundItsWholeEscrow() {
            chain.cancelJob2();
            assertThat(chain.audit().violations()).isEmpty();
            TrainingJob job = chain.get(COLLABORATION, TrainingJob.class, "job", "job-2");
            Settlement s = job.settlement();
            List<Payout> diverted = List.of(
                    new Payout(ORG1, 400, PayoutKind.PROVIDER, DS1, 0L),
                    new Payout(TestIdentities.DATA_USER_ORG, 600, PayoutKind.REFUND, null, null));
            chain.forge(
                    "job:job-2",
                    job.settled(new Settlement(s.outcome(), s.escrowed(), diverted, s.settledAt(), s.txId())),
                    "job",
                    "job-2");

            Violation v = single(ViolationKind.PAYOUT_MISMATCH, chain.audit());

            assertThat(v.subject()).isEqualTo("job:job-2");
            assertThat(v.evidence())
                    .containsEntry("status", "CANCELLED")
                    .containsEntry("REFUND:DataUserMSP.expected", "1000")
                    .containsEntry("REFUND:DataUserMSP.recorded", "600")
                    .containsEntry("PROVIDER:Org1MSP:ds-1.expected", "0")
                    .containsEntry("PROVIDER:Org1MSP:ds-1.recorded", "400")
                    .containsEntry("settlementTxId", chain.step("cancel-2").txId());
        }

        @Test
        void aFailedJobMustRefundItsWholeEscrow() {
            chain.failJob2();
            assertThat(chain.audit().violations()).isEmpty();
            TrainingJob job = chain.get(COLLABORATION, TrainingJob.class, "job", "job-2");
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            Settlement s = job.settlement();
            List<Payout> paidForNothing = List.of(
                    new Payout(ORG1, 400, PayoutKind.PROVIDER, DS1, 0L),
                    new Payout(TestIdentities.DATA_USER_ORG, 600, PayoutKind.REFUND, null, null));
            chain.forge(
                    "job:job-2",
                    job.settled(new Settlement(
                            s.outcome(), s.escrowed(), paidForNothing, s.settledAt(), s.txId(), s.reason())),
                    "job",
                    "job-2");

            Violation v = single(ViolationKind.PAYOUT_MISMATCH, chain.audit());

            assertThat(v.subject()).isEqualTo("job:job-2");
            assertThat(v.evidence())
                    .containsEntry("status", "FAILED")
                    .containsEntry("REFUND:DataUserMSP.expected", "1000")
                    .containsEntry("REFUND:DataUserMSP.recorded", "600")
                    .containsEntry("settlementTxId", chain.step("fail-2").txId());
        }
    }

    @Nested
    class BrokenTrail {
        Violation brokenAt(String channel, long seqNo) {
            Violation v = single(ViolationKind.BROKEN_TRAIL, chain.audit());
            assertThat(v.evidence()).containsEntry("channel", channel).containsEntry("seq", Long.toString(seqNo));
            return v;
        }

        AuditEntry entry(String subject, long n) {
            return chain.trail(COLLABORATION, subject).get((int) n);
        }

        @Test
        void anAlteredEntryIsFlagged() {
            AuditEntry grant = entry("pass:" + PASS1, 0);
            chain.put(
                    COLLABORATION,
                    new AuditEntry(
                            grant.subject(),
                            grant.seq(),
                            grant.action(),
                            TestIdentities.ORG3,
                            grant.actorId(),
                            grant.txId(),
                            grant.txTime(),
                            grant.detailsHash(),
                            grant.previousHash(),
                            grant.hash()),
                    "audit",
                    grant.subject(),
                    seq(0));

            Violation v = brokenAt("collaboration", 0);

            assertThat(v.subject()).isEqualTo("pass:" + PASS1);
            assertThat(v.message()).contains("entry hash does not match its contents");
            assertThat(v.evidence())
                    .containsEntry("entryTxId", chain.step("grant-1").txId())
                    .containsEntry("entryBlock", block("grant-1"));
        }

        @Test
        void aRemovedEntryIsFlagged() {
            chain.delete(COLLABORATION, "audit", "job:" + JOB, seq(3));

            Violation v = brokenAt("collaboration", 3);

            assertThat(v.subject()).isEqualTo("job:" + JOB);
            assertThat(v.message()).contains("expected sequence 3 but found 4");
        }

        @Test
        void reorderedEntriesAreFlagged() {
            AuditEntry first = entry("job:" + JOB, 1);
            AuditEntry second = entry("job:" + JOB, 2);
            chain.put(COLLABORATION, second, "audit", "job:" + JOB, seq(1));
            chain.put(COLLABORATION, first, "audit", "job:" + JOB, seq(2));

            assertThat(brokenAt("collaboration", 1).message()).contains("expected sequence 1 but found 2");
        }

        @Test
        void aTrailCutShortAtItsEndNoLongerMatchesItsHead() {
            List<AuditEntry> trail = chain.trail(COLLABORATION, "job:" + JOB);
            AuditEntry last = trail.get(trail.size() - 1);
            chain.delete(COLLABORATION, "audit", "job:" + JOB, seq(last.seq()));

            Violation v = brokenAt("collaboration", last.seq() - 1);

            assertThat(v.message()).contains("the head does not point at the last entry");
            assertThat(v.evidence()).containsEntry("headHash", last.hash());
        }

        @Test
        void aDeletedHeadIsFlagged() {
            chain.delete(COLLABORATION, "audithead", "pass:" + PASS1);

            Violation v = brokenAt("collaboration", 2);

            assertThat(v.subject()).isEqualTo("pass:" + PASS1);
            assertThat(v.evidence()).containsEntry("headHash", "(none)");
        }

        @Test
        void aRecordEditedWithoutATransactionNoLongerMatchesItsTrail() {
            TrainingJob job = chain.get(COLLABORATION, TrainingJob.class, "job", JOB);
            chain.put(
                    COLLABORATION,
                    new TrainingJob(
                            job.offer(),
                            job.payerMsp(),
                            "x509::CN=someone else",
                            job.status(),
                            job.participants(),
                            job.roundsRecorded(),
                            job.createdAt(),
                            job.startedAt(),
                            job.settlement()),
                    "job",
                    JOB);

            Violation v = brokenAt("collaboration", 6);

            assertThat(v.message()).contains("does not match the details hash of its latest audit entry");
            assertThat(v.evidence())
                    .containsEntry("action", "job:CompleteJob")
                    .containsEntry("lastEntryTxId", chain.step("complete").txId());
        }

        @Test
        void theRegistrationChannelsTrailsAreVerifiedToo() {
            List<AuditEntry> trail = new ArrayList<>();
            for (String k : chain.state(REGISTRATION).keys("audit", "dataset:" + DS3)) {
                trail.add(CanonicalJson.read(chain.state(REGISTRATION).get(k).orElseThrow(), AuditEntry.class));
            }
            AuditEntry e = trail.get(0);
            chain.put(
                    REGISTRATION,
                    new AuditEntry(
                            e.subject(),
                            e.seq(),
                            "registration:UpdateDataset",
                            e.actorMsp(),
                            e.actorId(),
                            e.txId(),
                            e.txTime(),
                            e.detailsHash(),
                            e.previousHash(),
                            e.hash()),
                    "audit",
                    e.subject(),
                    seq(0));

            Violation v = brokenAt("registration", 0);

            assertThat(v.subject()).isEqualTo("dataset:" + DS3);
        }
    }

    @Nested
    class IncompleteLineage {
        RoundRecord round(long n) {
            return chain.get(COLLABORATION, RoundRecord.class, "round", JOB, seq(n));
        }

        @Test
        void aMissingRoundRecordIsFlagged() {
            chain.delete(COLLABORATION, "round", JOB, seq(2));

            Violation v = single(ViolationKind.INCOMPLETE_LINEAGE, chain.audit());

            assertThat(v.evidence()).containsEntry("missingRounds", "[2]").containsEntry("roundsRecorded", "2");
        }

        @Test
        void aRoundWithoutItsAggregateHashIsFlagged() {
            RoundRecord r = round(1);
            chain.put(
                    COLLABORATION,
                    new RoundRecord(
                            r.jobId(),
                            r.round(),
                            r.participants(),
                            r.stragglers(),
                            "",
                            r.metrics(),
                            r.recordedByMsp(),
                            r.recordedAt(),
                            r.txId(),
                            r.aggregation(),
                            r.progress()),
                    "round",
                    JOB,
                    seq(1));

            Violation v = single(ViolationKind.INCOMPLETE_LINEAGE, chain.audit());

            assertThat(v.message()).contains("round 1 has no valid aggregate model hash");
            assertThat(v.evidence())
                    .containsEntry("roundTxId", chain.step("round-1").txId());
        }

        @Test
        void aRoundThatNoTransactionOfTheJobRecordedIsFlagged() {
            RoundRecord r = round(2);
            chain.put(
                    COLLABORATION,
                    new RoundRecord(
                            r.jobId(),
                            r.round(),
                            r.participants(),
                            r.stragglers(),
                            r.aggregateModelHash(),
                            r.metrics(),
                            r.recordedByMsp(),
                            r.recordedAt(),
                            "f".repeat(64),
                            r.aggregation(),
                            r.progress()),
                    "round",
                    JOB,
                    seq(2));

            Violation v = single(ViolationKind.INCOMPLETE_LINEAGE, chain.audit());

            assertThat(v.message()).contains("round 2 is not backed by a job:RecordRound entry");
        }

        @Test
        void aContributingDatasetThatIsNotRegisteredIsFlagged() {
            chain.delete(REGISTRATION, "ucl", DS2);
            chain.delete(REGISTRATION, "uclowner", ORG2, DS2);

            Violation v = single(ViolationKind.INCOMPLETE_LINEAGE, chain.audit());

            assertThat(v.message()).contains("dataset ds-2 trained the model but is not registered");
            assertThat(v.evidence())
                    .containsEntry("datasetId", DS2)
                    .containsEntry("acceptTxId", chain.step("accept-2").txId());
        }

        @Test
        void aModelWhoseHashIsNotTheLastRoundsAggregateIsFlagged() {
            ModelClaim t = truthfulClaim();
            String other = "0f".repeat(32);

            Violation v = single(
                    ViolationKind.INCOMPLETE_LINEAGE,
                    chain.audit(new ModelClaim(JOB, other, t.roundHashes(), t.ucls())));

            assertThat(v.evidence())
                    .containsEntry("claimedModelHash", other)
                    .containsEntry("lastRoundHash", roundHash(2));
        }

        @Test
        void aModelClaimingAJobTheChainDoesNotHaveIsFlagged() {
            ModelClaim t = truthfulClaim();

            Violation v = single(
                    ViolationKind.INCOMPLETE_LINEAGE,
                    chain.audit(new ModelClaim("job-9", t.finalModelHash(), List.of(), List.of())));

            assertThat(v.subject()).isEqualTo("job:job-9");
        }

        @Test
        void aModelNamingAUclRootThatWasNeverRegisteredIsFlagged() {
            ModelClaim t = truthfulClaim();
            String forged = "ab".repeat(32);
            ModelClaim claim = new ModelClaim(
                    JOB,
                    t.finalModelHash(),
                    t.roundHashes(),
                    List.of(t.ucls().get(0), new ModelClaim.ClaimedUcl(DS2, ORG2, forged)));

            Violation v = single(ViolationKind.INCOMPLETE_LINEAGE, chain.audit(claim));

            assertThat(v.evidence()).containsEntry("datasetId", DS2).containsEntry("claimedMerkleRoot", forged);
        }
    }

    @Nested
    class RefusedAccess {
        @Test
        void aDataCentersReportedRefusalIsFlaggedWithItsReport() {
            TxResult report = chain.submit(
                    "refusal",
                    chain.ids.provider(TestIdentities.ORG3),
                    COLLABORATION,
                    "audit:RecordUsage",
                    CanonicalJson.write(new UsageReport(
                            DS3,
                            UsageKind.REFUSED,
                            JOB,
                            null,
                            TestIdentities.DATA_USER_ORG,
                            2L,
                            "no pass for ds-3",
                            "12".repeat(32))));

            Violation v = single(ViolationKind.REFUSED_ACCESS, chain.audit());

            assertThat(v.subject()).isEqualTo("dataset:" + DS3);
            assertThat(v.message()).isEqualTo("Org3MSP refused DataUserMSP to use dataset ds-3: no pass for ds-3");
            assertThat(v.evidence())
                    .containsEntry("seq", "0")
                    .containsEntry("reporterMsp", TestIdentities.ORG3)
                    .containsEntry("jobId", JOB)
                    .containsEntry("round", "2")
                    .containsEntry("evidenceHash", "12".repeat(32))
                    .containsEntry("reportTxId", report.txId())
                    .containsEntry("reportBlock", block("refusal"));
        }

        @Test
        void theReportShowsTheViolationWithItsEvidence() {
            TxResult report = chain.submit(
                    "refusal",
                    chain.ids.provider(TestIdentities.ORG3),
                    COLLABORATION,
                    "audit:RecordUsage",
                    CanonicalJson.write(new UsageReport(DS3, UsageKind.REFUSED, null, null, null, null, null, null)));

            AuditReport audit = chain.audit();

            assertThat(audit.toText())
                    .startsWith("Audit verdict: VIOLATIONS (1 found)\n")
                    .contains("1. REFUSED_ACCESS dataset:ds-3\n   Org3MSP refused an attempt to use dataset ds-3\n")
                    .contains("   reportTxId: " + report.txId() + "\n");
            assertThat(audit.toJson()).contains("\"verdict\":\"VIOLATIONS\"", "\"kind\":\"REFUSED_ACCESS\"");
            assertThat(CanonicalJson.read(audit.toJson(), AuditReport.class)).isEqualTo(audit);
        }
    }

    @Nested
    class TokenImbalance {
        @Test
        void tokensThatWereNeverMintedAreFlagged() {
            Balance org1 = chain.get(COLLABORATION, Balance.class, "wallet", ORG1);
            chain.put(COLLABORATION, new Balance(ORG1, org1.balance() + 5), "wallet", ORG1);

            Violation v = single(ViolationKind.TOKEN_IMBALANCE, chain.audit());

            assertThat(v.evidence())
                    .containsEntry("totalSupply", "10000")
                    .containsEntry("sumOfBalances", "10005")
                    .containsEntry("difference", "5");
        }

        @Test
        void anEscrowThatStillHoldsTokensAfterSettlementIsFlagged() {
            Balance payer = chain.get(COLLABORATION, Balance.class, "wallet", TestIdentities.DATA_USER_ORG);
            Balance escrow = chain.get(COLLABORATION, Balance.class, "wallet", "escrow:" + JOB);
            chain.put(COLLABORATION, new Balance(payer.account(), payer.balance() - 50), "wallet", payer.account());
            chain.put(COLLABORATION, new Balance(escrow.account(), escrow.balance() + 50), "wallet", escrow.account());

            Violation v = single(ViolationKind.TOKEN_IMBALANCE, chain.audit());

            assertThat(v.subject()).isEqualTo("wallet:escrow:" + JOB);
            assertThat(v.evidence()).containsEntry("escrowBalance", "50").containsEntry("expected", "0");
        }
    }

    static ModelClaim truthfulClaim() {
        return new ModelClaim(
                JOB,
                roundHash(2),
                List.of(roundHash(1), roundHash(2)),
                List.of(
                        new ModelClaim.ClaimedUcl(DS1, ORG1, Scenario.merkleRoot(DS1)),
                        new ModelClaim.ClaimedUcl(DS2, ORG2, Scenario.merkleRoot(DS2))));
    }

    /** Issue 15, item 3: a round on chain needs the word of the centers that trained it. */
    @Nested
    class UncorroboratedRound {
        RoundRecord round(long n) {
            return chain.get(COLLABORATION, RoundRecord.class, "round", JOB, seq(n));
        }

        void replace(RoundRecord r, List<RoundParticipant> participants, String base) {
            chain.put(
                    COLLABORATION,
                    new RoundRecord(
                            r.jobId(),
                            r.round(),
                            participants,
                            r.stragglers(),
                            r.aggregateModelHash(),
                            r.metrics(),
                            r.recordedByMsp(),
                            r.recordedAt(),
                            r.txId(),
                            r.aggregation(),
                            new org.fdcfabric.protocol.job.RoundProgress(
                                    base, r.progress().distance(), r.progress().converged())),
                    "round",
                    JOB,
                    seq(r.round()));
        }

        @Test
        void aRoundPlantedInStateWithoutTheCentersSignaturesIsFlagged() {
            RoundRecord r = round(2);
            List<RoundParticipant> madeUp = new ArrayList<>();
            for (RoundParticipant p : r.participants()) {
                madeUp.add(new RoundParticipant(
                        p.datasetId(), p.providerMsp(), p.passId(), p.samples(), p.updateCommitment(), null));
            }
            replace(r, madeUp, r.baseModelHash());

            List<Violation> found = only(ViolationKind.UNCORROBORATED_ROUND, chain.audit());

            assertThat(found).hasSize(2).allSatisfy(v -> assertThat(v.evidence())
                    .containsEntry("round", "2")
                    .containsEntry("reason", "UNSIGNED")
                    .containsEntry("roundTxId", chain.step("round-2").txId()));
            assertThat(found).extracting(v -> v.evidence().get("datasetId")).containsExactly(DS1, DS2);
        }

        @Test
        void aSignatureByAKeyTheOwnerNeverRegisteredIsFlagged() {
            String fingerprint = round(1).participants().get(0).usage().centerKey();
            chain.delete(COLLABORATION, "centerkey", ORG1, fingerprint);

            List<Violation> found = only(ViolationKind.UNCORROBORATED_ROUND, chain.audit());

            assertThat(found).hasSize(2).allSatisfy(v -> assertThat(v.evidence())
                    .containsEntry("datasetId", DS1)
                    .containsEntry("reason", "CENTER_KEY_NOT_FOUND"));
        }

        @Test
        void aRoundThatDoesNotStartFromThePreviousModelIsFlagged() {
            RoundRecord r = round(2);
            replace(r, r.participants(), Scenario.INITIAL_MODEL);

            List<Violation> found = only(ViolationKind.UNCORROBORATED_ROUND, chain.audit());

            assertThat(found).extracting(Violation::message).anySatisfy(m -> assertThat(m)
                    .contains("does not start from the previous round's model"));
            assertThat(found)
                    .filteredOn(v -> "SIGNATURE_INVALID".equals(v.evidence().get("reason")))
                    .hasSize(2);
        }
    }
}
