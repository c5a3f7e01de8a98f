package org.fdcfabric.chaincode.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.collaboration.Consortium.COMPUTE;
import static org.fdcfabric.chaincode.collaboration.Consortium.PAYER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.fdcfabric.chaincode.testing.StateView;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.token.Accounts;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: after every step of a long seeded random sequence of mints, transfers and job lifecycles (including
 * invalid and unauthorized attempts), the balances of all wallets and escrows sum to the tokens minted, no balance
 * is negative, and every job's escrow holds its offer while unsettled and nothing once settled.
 */
@ExtendWith(SharedRouter.class)
class TokenConservationTest {
    static final List<String> PROVIDERS = TestIdentities.PROVIDER_ORGS;
    static final List<String> ORGS =
            List.of(PAYER, TestIdentities.ORG1, TestIdentities.ORG2, TestIdentities.ORG3, COMPUTE);
    static final int STEPS = 250;

    static ContractRouter router;
    static TestIdentities ids;

    @BeforeAll
    static void setUp(ContractRouter shared) {
        router = shared;
        ids = TestIdentities.create();
    }

    Consortium net;
    Random random;
    final List<String> jobs = new ArrayList<>();
    final Map<String, Integer> successes = new TreeMap<>();
    /** Every job as read by the last invariant check. */
    final Map<String, TrainingJob> current = new TreeMap<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 20261122})
    void tokensAreNeitherCreatedNorDestroyedByAnythingButMint(long seed) {
        random = new Random(seed);
        net = new Consortium(router, ids);
        net.initToken();
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < PROVIDERS.size(); i++) {
            String dataset = "ds-" + (i + 1);
            net.register(PROVIDERS.get(i), dataset, 1_000);
            net.registerCenterKey(PROVIDERS.get(i));
            datasets.add(dataset);
        }
        net.requestAccess("req-all", datasets, 10_000);
        for (int i = 0; i < PROVIDERS.size(); i++) {
            net.grant(PROVIDERS.get(i), "req-all", datasets.get(i), 10_000);
        }

        for (int step = 0; step < STEPS; step++) {
            String op = step(datasets);
            checkInvariants(op + " at step " + step);
        }

        assertThat(successes)
                .as("the sequence exercised the whole lifecycle: %s", successes)
                .containsKeys("mint", "transfer", "create", "accept", "start", "record", "complete", "fail", "cancel");
    }

    private String step(List<String> datasets) {
        // until a job exists only the token and creation steps make sense
        int pick = random.nextInt(jobs.isEmpty() ? 35 : 100);
        if (pick < 12) {
            return tried("mint", net.submit(ids.tokenAdmin(), "token:Mint", any(ORGS), amount(5_000)));
        }
        if (pick < 22) {
            String from = any(ORGS);
            return tried("transfer", net.submit(member(from), "token:Transfer", any(ORGS), amount(3_000)));
        }
        if (pick < 35) {
            String jobId = "job-" + (jobs.size() + 1);
            List<String> chosen = new ArrayList<>(datasets.subList(0, 1 + random.nextInt(datasets.size())));
            JobOffer offer = new JobOffer(
                    jobId,
                    chosen,
                    Consortium.PURPOSE,
                    1 + random.nextInt(5),
                    1 + random.nextInt(6_000),
                    random.nextInt(500),
                    COMPUTE,
                    Consortium.offer("m", chosen, 1, 1, 0, 1).model(),
                    1 + random.nextInt(4),
                    net.ledger.now().plus(Duration.ofSeconds(20 + random.nextInt(200))));
            TxResult result = net.createJobAs(ids.dataUser(), offer);
            if (result.isSuccess()) {
                jobs.add(jobId);
            }
            return tried("create", result);
        }
        TrainingJob job = pickJob();
        String jobId = job.jobId();
        // mostly the step that fits the job's state, sometimes any step (which must then fail cleanly)
        int action = random.nextInt(100);
        if (action < 15) {
            action = random.nextInt(100);
        } else if (job.status() == JobStatus.OPEN) {
            action = job.participants().isEmpty() || action < 55 ? 0 : 30;
        } else if (job.status() == JobStatus.RUNNING) {
            action = action < 65 ? 45 : action < 85 ? 70 : action < 93 ? 82 : 88;
        }
        if (action < 25) {
            String dataset = job.offer()
                    .datasetIds()
                    .get(random.nextInt(job.offer().datasetIds().size()));
            String owner = PROVIDERS.get(Integer.parseInt(dataset.substring(3)) - 1);
            return tried(
                    "accept",
                    net.acceptAs(ids.provider(owner), jobId, dataset, "req-all:" + dataset, 1 + random.nextInt(1_100)));
        }
        if (action < 40) {
            return tried("start", net.submit(ids.compute(), "job:StartJob", jobId));
        }
        if (action < 65) {
            Map<String, Long> samples = new TreeMap<>();
            for (Participant p : job.participants()) {
                if (random.nextInt(4) > 0) {
                    samples.put(p.datasetId(), 1 + (long) random.nextInt((int) p.samples() + 5));
                }
            }
            if (samples.isEmpty()) {
                samples.put(job.offer().datasetIds().get(0), 1L);
            }
            long round = job.roundsRecorded() + (random.nextInt(10) == 0 ? 2 : 1);
            return tried("record", net.recordAs(ids.compute(), jobId, Consortium.round(round, samples, List.of())));
        }
        if (action < 80) {
            IssuedIdentity who = random.nextBoolean() ? ids.compute() : ids.dataUser();
            return tried("complete", net.submit(who, "job:CompleteJob", jobId));
        }
        if (action < 86) {
            return tried("fail", net.submit(ids.compute(), "job:FailJob", jobId, "attempts used up"));
        }
        if (action < 92) {
            return tried("cancel", net.submit(ids.dataUser(), "job:CancelJob", jobId));
        }
        net.ledger.advance(Duration.ofSeconds(random.nextInt(120)));
        return tried("cancel", net.submit(ids.noRole(any(ORGS)), "job:CancelJob", jobId));
    }

    /** Usually a job that is still open or running, so that sequences reach settlement. */
    private TrainingJob pickJob() {
        List<TrainingJob> all = List.copyOf(current.values());
        List<TrainingJob> live = all.stream().filter(j -> !j.status().settled()).toList();
        List<TrainingJob> from = live.isEmpty() || random.nextInt(10) == 0 ? all : live;
        return from.get(random.nextInt(from.size()));
    }

    private String tried(String op, TxResult result) {
        if (result.isSuccess()) {
            successes.merge(op, 1, Integer::sum);
        } else {
            assertThat(result.committed()).isFalse();
            assertThat(result.message())
                    .as("%s failed on purpose, never unexpectedly", op)
                    .doesNotContain("Unexpected");
        }
        return op + (result.isSuccess() ? "" : " (" + result.errorCode() + ")");
    }

    /** Reads the committed state directly, so the check does not depend on the contracts' own queries. */
    private void checkInvariants(String after) {
        StateView state = net.ledger.state(Consortium.COLLABORATION, Consortium.COLLABORATION);
        long sum = 0;
        Map<String, Long> balances = new TreeMap<>();
        for (String key : state.keys("wallet")) {
            Balance b = CanonicalJson.read(state.get(key).orElseThrow(), Balance.class);
            assertThat(b.balance()).as("%s: %s", after, b).isNotNegative();
            sum = Math.addExact(sum, b.balance());
            balances.put(b.account(), b.balance());
        }
        TokenInfo token = CanonicalJson.read(
                state.get(new CompositeKey("token").toString()).orElseThrow(), TokenInfo.class);
        assertThat(sum).as("sum of wallets and escrows after %s", after).isEqualTo(token.totalSupply());
        for (String jobId : jobs) {
            TrainingJob job = CanonicalJson.read(state.get("job", jobId).orElseThrow(), TrainingJob.class);
            current.put(jobId, job);
            long escrow = balances.getOrDefault(Accounts.escrowOf(jobId), 0L);
            long expected = job.status().settled() ? 0 : job.offer().escrowAmount();
            assertThat(escrow)
                    .as("escrow of %s (%s) after %s", jobId, job.status(), after)
                    .isEqualTo(expected);
        }
    }

    private IssuedIdentity member(String org) {
        if (org.equals(PAYER)) {
            return ids.dataUser();
        }
        if (org.equals(COMPUTE)) {
            return ids.compute();
        }
        return ids.provider(org);
    }

    private String any(List<String> orgs) {
        return orgs.get(random.nextInt(orgs.size()));
    }

    private String amount(int max) {
        return Long.toString(1 + random.nextInt(max));
    }
}
