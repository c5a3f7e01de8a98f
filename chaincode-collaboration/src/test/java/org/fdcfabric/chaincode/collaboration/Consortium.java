package org.fdcfabric.chaincode.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.LedgerClient;
import org.fdcfabric.chaincode.testing.StateSnapshot;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.RoundSubmission;
import org.fdcfabric.protocol.job.TrainingJob;
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

/**
 * The FDC consortium on a fresh in-memory ledger: channel {@code collaboration} with this chaincode and channel
 * {@code registration} with the real registration chaincode, plus the steps of the collaboration flow as one-line
 * helpers that assert success. Time starts at {@link InMemoryLedger#DEFAULT_START} and moves one second per
 * submitted transaction.
 */
public final class Consortium {
    public static final String COLLABORATION = "collaboration";
    public static final String REGISTRATION = "registration";
    public static final String PURPOSE = "activity recognition";
    public static final String TOKEN_ADMIN_MSP = TestIdentities.AUDITOR_ORG;
    public static final String PAYER = TestIdentities.DATA_USER_ORG;
    public static final String COMPUTE = TestIdentities.COMPUTE_ORG;
    public static final Instant FAR = InMemoryLedger.DEFAULT_START.plus(Duration.ofDays(30));
    public static final String HASH_A = "aa".repeat(32);
    public static final String HASH_B = "bb".repeat(32);
    /** The model round 1 of every test job starts from. */
    public static final String INITIAL_MODEL = "11".repeat(32);

    public final TestIdentities ids;
    public final InMemoryLedger ledger;
    private long nonces;

    public Consortium(ContractRouter router, TestIdentities ids) {
        this.ids = ids;
        this.ledger = InMemoryLedger.builder()
                .deploy(COLLABORATION, COLLABORATION, router)
                .deploy(REGISTRATION, REGISTRATION, router)
                .build();
    }

    public LedgerClient as(IssuedIdentity identity) {
        return ledger.as(identity).on(COLLABORATION, COLLABORATION);
    }

    public TxResult submit(IssuedIdentity identity, String function, String... args) {
        return as(identity).submit(function, args);
    }

    public TxResult evaluate(IssuedIdentity identity, String function, String... args) {
        return as(identity).evaluate(function, args);
    }

    public static TxResult ok(TxResult result) {
        assertThat(result.isSuccess()).as("%s", result).isTrue();
        return result;
    }

    public <T> T read(TxResult result, Class<T> type) {
        return CanonicalJson.read(ok(result).payloadText(), type);
    }

    /** Runs a transaction that must fail with {@code code} and leave every channel's state untouched. */
    public TxResult rejects(String code, Supplier<TxResult> call) {
        StateSnapshot before = ledger.snapshot();
        TxResult result = call.get();
        assertThat(result.isSuccess())
                .as("expected %s but got %s", code, result)
                .isFalse();
        assertThat(result.errorCode()).as("%s", result).isEqualTo(code);
        assertThat(result.payloadText()).isEqualTo(code);
        assertThat(result.committed()).isFalse();
        assertThat(ledger.snapshot()).isEqualTo(before);
        return result;
    }

    // ---- token ----

    public void initToken() {
        ok(submit(ids.tokenAdmin(), "token:Initialize", "FDC Token", TOKEN_ADMIN_MSP));
    }

    public void mint(String account, long amount) {
        ok(submit(ids.tokenAdmin(), "token:Mint", account, Long.toString(amount)));
    }

    public long balance(String account) {
        return read(evaluate(ids.auditor(), "token:BalanceOf", account), org.fdcfabric.protocol.token.Balance.class)
                .balance();
    }

    public long totalSupply() {
        return Long.parseLong(ok(evaluate(ids.auditor(), "token:TotalSupply")).payloadText());
    }

    // ---- registration ----

    public static UclDraft draft(String datasetId, long records) {
        UclSchema schema = new UclSchema(
                List.of(new FeatureSpec("x000", FeatureType.NUMERIC), new FeatureSpec("x001", FeatureType.NUMERIC)),
                new LabelSpec("activity", List.of("eating", "sleeping")),
                Task.CLASSIFICATION);
        return new UclDraft(
                datasetId,
                "Wearables " + datasetId,
                "children's tri-axial acceleration",
                schema,
                records,
                "cd".repeat(32),
                records,
                "grpcs://dc." + datasetId + ".example:7443",
                new Terms(1));
    }

    public void register(String ownerMsp, String datasetId, long records) {
        ok(ledger.as(ids.provider(ownerMsp))
                .on(REGISTRATION, REGISTRATION)
                .submit("registration:RegisterDataset", CanonicalJson.write(draft(datasetId, records))));
    }

    public void retire(String ownerMsp, String datasetId) {
        ok(ledger.as(ids.provider(ownerMsp))
                .on(REGISTRATION, REGISTRATION)
                .submit("registration:RetireDataset", datasetId));
    }

    // ---- requests and passes ----

    public CollaborationRequest request(String requestId, List<String> datasets, int maxRounds) {
        nonces++;
        return new CollaborationRequest(
                requestId, PAYER, datasets, PURPOSE, "fedavg", maxRounds, FAR, String.format("%032x", nonces));
    }

    public static String sign(IssuedIdentity signer, CollaborationRequest request) {
        return Base64.getEncoder().encodeToString(Signatures.sign(signer.privateKey(), request.canonicalBytes()));
    }

    public TxResult submitRequest(IssuedIdentity caller, CollaborationRequest request, String signature) {
        return submit(caller, "pass:RequestAccess", CanonicalJson.write(request), signature);
    }

    public CollaborationRequest requestAccess(String requestId, List<String> datasets, int maxRounds) {
        CollaborationRequest request = request(requestId, datasets, maxRounds);
        ok(submitRequest(ids.dataUser(), request, sign(ids.dataUser(), request)));
        return request;
    }

    public TxResult grantAs(IssuedIdentity owner, String requestId, String datasetId, Instant expiry, long rounds) {
        return submit(owner, "pass:GrantPass", requestId, datasetId, expiry.toString(), Long.toString(rounds));
    }

    public String grant(String ownerMsp, String requestId, String datasetId, long rounds) {
        ok(grantAs(ids.provider(ownerMsp), requestId, datasetId, FAR, rounds));
        return requestId + ":" + datasetId;
    }

    // ---- jobs ----

    public static JobOffer offer(String jobId, List<String> datasets, long price, long cap, long fee, long rounds) {
        return offer(jobId, datasets, price, cap, fee, rounds, Map.of());
    }

    /** @param terms model terms added to the default ones (for example {@code secure}, {@code aggregator}) */
    public static JobOffer offer(
            String jobId,
            List<String> datasets,
            long price,
            long cap,
            long fee,
            long rounds,
            Map<String, String> terms) {
        Map<String, String> model = new java.util.TreeMap<>(Map.of("learningRate", "0.1"));
        model.putAll(terms);
        return new JobOffer(
                jobId,
                datasets,
                PURPOSE,
                price,
                cap,
                fee,
                COMPUTE,
                new ModelSpec("logistic-regression", model),
                rounds,
                FAR);
    }

    public TxResult createJobAs(IssuedIdentity caller, JobOffer offer) {
        return submit(caller, "job:CreateJob", CanonicalJson.write(offer));
    }

    public TxResult acceptAs(IssuedIdentity caller, String jobId, String datasetId, String passId, long samples) {
        return submit(caller, "job:AcceptJob", jobId, datasetId, passId, Long.toString(samples));
    }

    public static RoundSubmission round(long round, Map<String, Long> samples, List<String> stragglers) {
        List<UpdateCommitment> contributions = samples.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new UpdateCommitment(e.getKey(), e.getValue(), HASH_A, null))
                .toList();
        return new RoundSubmission(round, contributions, stragglers, HASH_B, Map.of());
    }

    /**
     * Records {@code round} as {@code caller} with the centers' word: a round that names no base model starts from
     * the previous round's model (or {@link #INITIAL_MODEL}), and each unsigned contribution is signed by its
     * dataset owner's provider identity (the center key {@link #registerCenterKey} registered).
     */
    public TxResult recordAs(IssuedIdentity caller, String jobId, RoundSubmission round) {
        return recordUnsignedAs(caller, jobId, corroborate(jobId, round));
    }

    /** Records {@code round} exactly as given: for rounds the centers did not sign. */
    public TxResult recordUnsignedAs(IssuedIdentity caller, String jobId, RoundSubmission round) {
        return submit(caller, "job:RecordRound", jobId, CanonicalJson.write(round));
    }

    /** {@code round} with its base model named and every contribution signed by its dataset's owner. */
    public RoundSubmission corroborate(String jobId, RoundSubmission round) {
        String base = round.baseModelHash() != null ? round.baseModelHash() : baseModel(jobId, round.round());
        TxResult found = evaluate(ids.auditor(), "job:GetJob", jobId);
        if (!found.isSuccess()) {
            return round.corroborated(base, round.contributions());
        }
        TrainingJob job = CanonicalJson.read(found.payloadText(), TrainingJob.class);
        List<UpdateCommitment> signed = round.contributions() == null
                ? null
                : round.contributions().stream()
                        .map(c -> c == null || c.usage() != null
                                ? c
                                : signed(
                                        job.participant(c.datasetId())
                                                .map(p -> ids.provider(p.providerMsp()))
                                                .orElse(ids.provider(TestIdentities.ORG1)),
                                        jobId,
                                        round.round(),
                                        base,
                                        c))
                        .toList();
        return round.corroborated(base, signed);
    }

    /** {@code c} signed by {@code center} for {@code round} of {@code jobId} started from {@code base}. */
    public static UpdateCommitment signed(
            IssuedIdentity center, String jobId, long round, String base, UpdateCommitment c) {
        return new UpdateCommitment(
                c.datasetId(),
                c.samples(),
                c.commitment(),
                UsageSignatures.sign(center.privateKey(), center.certificate(), c.roundUsage(jobId, round, base)));
    }

    private String baseModel(String jobId, long round) {
        if (round <= 1) {
            return INITIAL_MODEL;
        }
        TxResult previous = evaluate(ids.auditor(), "job:GetRound", jobId, Long.toString(round - 1));
        return previous.isSuccess()
                ? CanonicalJson.read(previous.payloadText(), RoundRecord.class).aggregateModelHash()
                : INITIAL_MODEL;
    }

    /** The provider of {@code msp} registers its certificate as its centers' key. */
    public void registerCenterKey(String msp) {
        ok(submit(ids.provider(msp), "job:RegisterCenterKey"));
    }

    /**
     * Registers {@code ds-1}, {@code ds-2} (Org1, Org2; 1,000 records each), funds the data user with
     * {@code funds}, has both owners grant passes for {@code rounds} rounds and both accept job {@code jobId}
     * with 600 and 400 samples. Returns the job's offer.
     */
    public JobOffer openJobWithTwoProviders(String jobId, long funds, long price, long cap, long fee, int rounds) {
        return openJobWithTwoProviders(jobId, funds, price, cap, fee, rounds, Map.of());
    }

    /** As above, with extra model terms in the offer. */
    public JobOffer openJobWithTwoProviders(
            String jobId, long funds, long price, long cap, long fee, int rounds, Map<String, String> terms) {
        initToken();
        mint(PAYER, funds);
        register(TestIdentities.ORG1, "ds-1", 1_000);
        register(TestIdentities.ORG2, "ds-2", 1_000);
        requestAccess("req-" + jobId, List.of("ds-1", "ds-2"), rounds);
        String pass1 = grant(TestIdentities.ORG1, "req-" + jobId, "ds-1", rounds);
        String pass2 = grant(TestIdentities.ORG2, "req-" + jobId, "ds-2", rounds);
        JobOffer offer = offer(jobId, List.of("ds-1", "ds-2"), price, cap, fee, rounds, terms);
        ok(createJobAs(ids.dataUser(), offer));
        ok(acceptAs(ids.provider(TestIdentities.ORG1), jobId, "ds-1", pass1, 600));
        ok(acceptAs(ids.provider(TestIdentities.ORG2), jobId, "ds-2", pass2, 400));
        registerCenterKey(TestIdentities.ORG1);
        registerCenterKey(TestIdentities.ORG2);
        return offer;
    }
}
