package org.fdcfabric.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.StateView;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.job.FlaggedUpdate;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.RoundAggregation;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.SecureRoundSummary;
import org.fdcfabric.protocol.job.UpdateCommitment;
import org.fdcfabric.protocol.job.UsageSignatures;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * A complete, clean FDC collaboration on the in-memory ledger, run through the real contracts of both channels:
 * the token is initialized and the data user funded; Org1, Org2 and Org3 register ds-1, ds-2 and ds-3; the data
 * user signs a request for ds-1 and ds-2, both owners grant passes; job-1 is funded, accepted (600 and 400
 * samples), started, trained for two rounds and completed. Then the test tampers, as an attacker with write
 * access to a peer's state would, through {@link #put}, {@link #delete} and {@link #forge}.
 */
final class Scenario {
    static final String COLLABORATION = "collaboration";
    static final String REGISTRATION = "registration";
    static final String PURPOSE = "activity recognition";
    static final String JOB = "job-1";
    static final String REQUEST = "req-1";
    static final String DS1 = "ds-1";
    static final String DS2 = "ds-2";
    static final String DS3 = "ds-3";
    static final String PASS1 = REQUEST + ":" + DS1;
    static final String PASS2 = REQUEST + ":" + DS2;
    static final Instant FAR = InMemoryLedger.DEFAULT_START.plus(Duration.ofDays(30));
    static final long PRICE = 1;
    static final long CAP = 5_000;
    static final long FEE = 100;
    /** The model round 1 starts from. */
    static final String INITIAL_MODEL = Hashes.sha256Hex("initial model".getBytes(StandardCharsets.UTF_8));

    final TestIdentities ids;
    final InMemoryLedger ledger;
    final Map<String, Long> blocks = new TreeMap<>();
    final Map<String, TxResult> steps = new TreeMap<>();

    private Scenario(ContractRouter router, TestIdentities ids) {
        this.ids = ids;
        this.ledger = InMemoryLedger.builder()
                .deploy(COLLABORATION, COLLABORATION, router)
                .deploy(REGISTRATION, REGISTRATION, router)
                .build();
    }

    static Scenario clean(ContractRouter router, TestIdentities ids) {
        Scenario s = new Scenario(router, ids);
        s.collaborate(Map.of(), List.of(plainRound(1, 600, 400), plainRound(2, 500, 400)));
        return s;
    }

    /** The same collaboration as a secure job: round 1 completes with both centers, round 2 fails below t. */
    static Scenario secure(ContractRouter router, TestIdentities ids) {
        Scenario s = new Scenario(router, ids);
        RoundSubmission first = new RoundSubmission(
                1,
                plainRound(1, 600, 400).contributions(),
                List.of(),
                roundHash(1),
                Map.of(),
                new RoundAggregation(
                        RoundAggregation.SECURE,
                        "fedavg",
                        Map.of(),
                        RoundAggregation.COMPLETED,
                        new SecureRoundSummary(
                                2, List.of(DS1, DS2), List.of(DS1, DS2), List.of(), List.of(DS1, DS2), List.of(), null),
                        List.of()));
        RoundSubmission failed = new RoundSubmission(
                2,
                List.of(),
                List.of(DS2),
                roundHash(1),
                Map.of(),
                new RoundAggregation(
                        RoundAggregation.SECURE,
                        "fedavg",
                        Map.of(),
                        RoundAggregation.FAILED,
                        new SecureRoundSummary(
                                2,
                                List.of(DS1, DS2),
                                List.of(DS1),
                                List.of(DS2),
                                List.of(),
                                List.of(),
                                "TOO_FEW_MASKED_INPUTS"),
                        List.of()));
        s.collaborate(Map.of(ModelSpec.SECURE_TERM, "true"), List.of(first, failed));
        return s;
    }

    /** The same collaboration with the trimmed mean, which flags ds-2's update in round 2. */
    static Scenario robust(ContractRouter router, TestIdentities ids) {
        Scenario s = new Scenario(router, ids);
        List<RoundSubmission> rounds = new java.util.ArrayList<>();
        for (long r = 1; r <= 2; r++) {
            RoundSubmission plain = plainRound(r, 600, 400);
            List<FlaggedUpdate> flagged = r == 2
                    ? List.of(new FlaggedUpdate(DS2, "TRIMMED", new BigDecimal("117.178"), "trimmed in 179 of 180"))
                    : List.of();
            rounds.add(new RoundSubmission(
                    r,
                    plain.contributions(),
                    List.of(),
                    plain.aggregateModelHash(),
                    Map.of(),
                    new RoundAggregation(
                            RoundAggregation.PLAIN,
                            "trimmed-mean",
                            Map.of("beta", "0.2"),
                            RoundAggregation.COMPLETED,
                            null,
                            flagged)));
        }
        s.collaborate(Map.of(ModelSpec.AGGREGATOR_TERM, "trimmed-mean:beta=0.2"), rounds);
        return s;
    }

    static String roundHash(long round) {
        return Hashes.sha256Hex(("global model after round " + round).getBytes(StandardCharsets.UTF_8));
    }

    static String merkleRoot(String datasetId) {
        return Hashes.sha256Hex(("records of " + datasetId).getBytes(StandardCharsets.UTF_8));
    }

    private void collaborate(Map<String, String> terms, List<RoundSubmission> rounds) {
        IssuedIdentity admin = ids.tokenAdmin();
        submit("init", admin, COLLABORATION, "token:Initialize", "FDC Token", TestIdentities.AUDITOR_ORG);
        submit("mint", admin, COLLABORATION, "token:Mint", TestIdentities.DATA_USER_ORG, "10000");
        register(TestIdentities.ORG1, DS1);
        register(TestIdentities.ORG2, DS2);
        register(TestIdentities.ORG3, DS3);

        CollaborationRequest request = new CollaborationRequest(
                REQUEST,
                TestIdentities.DATA_USER_ORG,
                List.of(DS1, DS2),
                PURPOSE,
                "fedavg",
                5,
                FAR,
                "0".repeat(31) + "1");
        String signature = Base64.getEncoder()
                .encodeToString(Signatures.sign(ids.dataUser().privateKey(), request.canonicalBytes()));
        submit("request", ids.dataUser(), COLLABORATION, "pass:RequestAccess", CanonicalJson.write(request), signature);
        submit(
                "grant-1",
                ids.provider(TestIdentities.ORG1),
                COLLABORATION,
                "pass:GrantPass",
                REQUEST,
                DS1,
                FAR.toString(),
                "5");
        submit(
                "grant-2",
                ids.provider(TestIdentities.ORG2),
                COLLABORATION,
                "pass:GrantPass",
                REQUEST,
                DS2,
                FAR.toString(),
                "5");

        JobOffer offer = new JobOffer(
                JOB,
                List.of(DS1, DS2),
                PURPOSE,
                PRICE,
                CAP,
                FEE,
                TestIdentities.COMPUTE_ORG,
                new ModelSpec("logistic-regression", model(terms)),
                2,
                FAR);
        submit("create", ids.dataUser(), COLLABORATION, "job:CreateJob", CanonicalJson.write(offer));
        submit("accept-1", ids.provider(TestIdentities.ORG1), COLLABORATION, "job:AcceptJob", JOB, DS1, PASS1, "600");
        submit("accept-2", ids.provider(TestIdentities.ORG2), COLLABORATION, "job:AcceptJob", JOB, DS2, PASS2, "400");
        submit("start", ids.compute(), COLLABORATION, "job:StartJob", JOB);
        submit("center-key-1", ids.provider(TestIdentities.ORG1), COLLABORATION, "job:RegisterCenterKey");
        submit("center-key-2", ids.provider(TestIdentities.ORG2), COLLABORATION, "job:RegisterCenterKey");
        String base = INITIAL_MODEL;
        for (RoundSubmission round : rounds) {
            submit(
                    "round-" + round.round(),
                    ids.compute(),
                    COLLABORATION,
                    "job:RecordRound",
                    JOB,
                    CanonicalJson.write(signed(round, base)));
            base = round.aggregateModelHash();
        }
        submit("complete", ids.compute(), COLLABORATION, "job:CompleteJob", JOB);
    }

    /** A second job, {@code job-2}, funded with 1,000 tokens and cancelled by its payer before any round. */
    void cancelJob2() {
        createJob2();
        submit("cancel-2", ids.dataUser(), COLLABORATION, "job:CancelJob", "job-2");
    }

    /** A second job, {@code job-2}, funded with 1,000 tokens, started and failed by the compute organisation. */
    void failJob2() {
        createJob2();
        submit(
                "accept-2-1",
                ids.provider(TestIdentities.ORG1),
                COLLABORATION,
                "job:AcceptJob",
                "job-2",
                DS1,
                PASS1,
                "100");
        submit("start-2", ids.compute(), COLLABORATION, "job:StartJob", "job-2");
        submit("fail-2", ids.compute(), COLLABORATION, "job:FailJob", "job-2", "3 attempts failed");
    }

    private void createJob2() {
        JobOffer offer = new JobOffer(
                "job-2",
                List.of(DS1),
                PURPOSE,
                PRICE,
                1_000,
                0,
                TestIdentities.COMPUTE_ORG,
                new ModelSpec("logistic-regression", Map.of()),
                1,
                FAR);
        submit("create-2", ids.dataUser(), COLLABORATION, "job:CreateJob", CanonicalJson.write(offer));
    }

    private void register(String ownerMsp, String datasetId) {
        UclSchema schema = new UclSchema(
                List.of(new FeatureSpec("x000", FeatureType.NUMERIC), new FeatureSpec("x001", FeatureType.NUMERIC)),
                new LabelSpec("activity", List.of("eating", "sleeping")),
                Task.CLASSIFICATION);
        UclDraft draft = new UclDraft(
                datasetId,
                "Wearables " + datasetId,
                "tri-axial acceleration",
                schema,
                1_000,
                merkleRoot(datasetId),
                1_000,
                "grpcs://dc." + datasetId + ".example:7443",
                new Terms(PRICE));
        submit(
                "register-" + datasetId,
                ids.provider(ownerMsp),
                REGISTRATION,
                "registration:RegisterDataset",
                CanonicalJson.write(draft));
    }

    private static Map<String, String> model(Map<String, String> terms) {
        Map<String, String> model = new TreeMap<>(Map.of("learningRate", "0.1"));
        model.putAll(terms);
        return model;
    }

    /** {@code round} started from {@code base}, each contribution signed by its dataset owner's provider. */
    private RoundSubmission signed(RoundSubmission round, String base) {
        List<UpdateCommitment> signed = round.contributions().stream()
                .map(c -> {
                    IssuedIdentity center =
                            ids.provider(c.datasetId().equals(DS1) ? TestIdentities.ORG1 : TestIdentities.ORG2);
                    return new UpdateCommitment(
                            c.datasetId(),
                            c.samples(),
                            c.commitment(),
                            UsageSignatures.sign(
                                    center.privateKey(), center.certificate(), c.roundUsage(JOB, round.round(), base)));
                })
                .toList();
        return round.corroborated(base, signed);
    }

    private static RoundSubmission plainRound(long round, long samples1, long samples2) {
        return new RoundSubmission(
                round,
                List.of(
                        new UpdateCommitment(
                                DS1,
                                samples1,
                                Hashes.sha256Hex(("u1-" + round).getBytes(StandardCharsets.UTF_8)),
                                null),
                        new UpdateCommitment(
                                DS2,
                                samples2,
                                Hashes.sha256Hex(("u2-" + round).getBytes(StandardCharsets.UTF_8)),
                                null)),
                List.of(),
                roundHash(round),
                Map.of());
    }

    /** Runs a transaction that must commit, and notes its block (one transaction per block here). */
    TxResult submit(String step, IssuedIdentity who, String channel, String function, String... args) {
        TxResult result = ledger.as(who).on(channel, channel).submit(function, args);
        assertThat(result.committed()).as("%s: %s", step, result).isTrue();
        blocks.put(result.txId(), ledger.height());
        steps.put(step, result);
        return result;
    }

    TxResult step(String name) {
        return steps.get(name);
    }

    ChainReader reader() {
        return new LedgerChainReader(ledger, ids.auditor(), blocks);
    }

    AuditReport audit(ModelClaim... claims) {
        return new AuditChecker(reader()).check(List.of(claims));
    }

    // ---- tampering, outside any transaction ----

    static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    static String seq(long n) {
        return String.format("%019d", n);
    }

    <T> T get(String channel, Class<T> type, String keyType, String... attributes) {
        String json = state(channel).get(key(keyType, attributes)).orElseThrow();
        return CanonicalJson.read(json, type);
    }

    void put(String channel, Object record, String keyType, String... attributes) {
        state(channel).overwrite(key(keyType, attributes), CanonicalJson.write(record));
    }

    void delete(String channel, String keyType, String... attributes) {
        assertThat(state(channel).get(key(keyType, attributes))).isPresent();
        state(channel).overwrite(key(keyType, attributes), null);
    }

    List<AuditEntry> trail(String channel, String subject) {
        List<AuditEntry> entries = new ArrayList<>();
        for (String k : state(channel).keys("audit", subject)) {
            entries.add(CanonicalJson.read(state(channel).get(k).orElseThrow(), AuditEntry.class));
        }
        return entries;
    }

    /**
     * Replaces a collaboration record and re-seals its trail's latest entry over the new record, as an attacker
     * who can also rewrite the tail of the trail would: the trail still verifies, only the record's meaning
     * changed.
     */
    void forge(String subject, Object record, String keyType, String... attributes) {
        put(COLLABORATION, record, keyType, attributes);
        List<AuditEntry> entries = trail(COLLABORATION, subject);
        AuditEntry last = entries.get(entries.size() - 1);
        AuditEntry unsealed = new AuditEntry(
                last.subject(),
                last.seq(),
                last.action(),
                last.actorMsp(),
                last.actorId(),
                last.txId(),
                last.txTime(),
                Hashes.sha256Hex(CanonicalJson.bytes(record)),
                last.previousHash(),
                null);
        AuditEntry resealed = new AuditEntry(
                unsealed.subject(),
                unsealed.seq(),
                unsealed.action(),
                unsealed.actorMsp(),
                unsealed.actorId(),
                unsealed.txId(),
                unsealed.txTime(),
                unsealed.detailsHash(),
                unsealed.previousHash(),
                AuditChain.hashOf(unsealed));
        put(COLLABORATION, resealed, "audit", subject, seq(last.seq()));
        put(COLLABORATION, resealed, "audithead", subject);
    }

    StateView state(String channel) {
        return ledger.state(channel, channel);
    }
}
