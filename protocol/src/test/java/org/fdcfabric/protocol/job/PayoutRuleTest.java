package org.fdcfabric.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PayoutRuleTest {
    static final Instant T = Instant.parse("2026-06-01T00:00:00Z");

    static TrainingJob job(long price, long cap, long fee, List<String> datasets) {
        JobOffer offer = new JobOffer(
                "job-1", datasets, "activity", price, cap, fee, "ComputeMSP", new ModelSpec("mlp", Map.of()), 10, T);
        List<Participant> participants = datasets.stream()
                .map(d -> new Participant(d, owner(d), "req:" + d, 1_000_000, T, "tx"))
                .toList();
        return new TrainingJob(offer, "DataUserMSP", "user", JobStatus.RUNNING, participants, 0, T, T, null);
    }

    static String owner(String dataset) {
        return "Own" + dataset.toUpperCase().replace("-", "") + "MSP";
    }

    static RoundRecord round(long n, Map<String, Long> samples) {
        List<RoundParticipant> ps = new ArrayList<>();
        samples.forEach((d, s) -> ps.add(new RoundParticipant(d, owner(d), "req:" + d, s, "0".repeat(64), null)));
        return new RoundRecord("job-1", n, ps, List.of(), "1".repeat(64), Map.of(), "ComputeMSP", T, "tx" + n);
    }

    static Map<String, Long> amounts(List<Payout> payouts, PayoutKind kind) {
        Map<String, Long> m = new TreeMap<>();
        payouts.stream()
                .filter(p -> p.kind() == kind)
                .forEach(p -> m.put(p.datasetId() == null ? p.account() : p.datasetId(), p.amount()));
        return m;
    }

    @Nested
    class WithinTheCap {
        @Test
        void paysPricePerSampleRoundThenFeeThenRefund() {
            TrainingJob job = job(2, 1_000, 50, List.of("ds-a", "ds-b"));
            List<RoundRecord> rounds =
                    List.of(round(1, Map.of("ds-a", 100L, "ds-b", 50L)), round(2, Map.of("ds-a", 100L)));

            List<Payout> payouts = PayoutRule.completion(job, rounds);

            assertThat(payouts)
                    .containsExactly(
                            new Payout(owner("ds-a"), 400, PayoutKind.PROVIDER, "ds-a", 200L),
                            new Payout(owner("ds-b"), 100, PayoutKind.PROVIDER, "ds-b", 50L),
                            new Payout("ComputeMSP", 50, PayoutKind.COMPUTE_FEE, null, null),
                            new Payout("DataUserMSP", 500, PayoutKind.REFUND, null, null));
        }

        @Test
        void exactlyAtTheCapLeavesNoRefundAndNoZeroPayouts() {
            TrainingJob job = job(1, 300, 0, List.of("ds-a", "ds-b", "ds-c"));
            List<Payout> payouts = PayoutRule.completion(job, List.of(round(1, Map.of("ds-a", 100L, "ds-b", 200L))));

            assertThat(payouts).extracting(Payout::kind).containsOnly(PayoutKind.PROVIDER);
            assertThat(payouts).extracting(Payout::amount).containsExactly(100L, 200L);
        }
    }

    @Nested
    class OverTheCap {
        @Test
        void sharesTheCapInProportionWithLargestRemainders() {
            // cap 100 over sample-rounds 1:1:1 -> 33 each, 1 left over; equal remainders, so the smallest id wins
            TrainingJob job = job(1_000, 100, 7, List.of("ds-c", "ds-a", "ds-b"));
            List<Payout> payouts =
                    PayoutRule.completion(job, List.of(round(1, Map.of("ds-a", 5L, "ds-b", 5L, "ds-c", 5L))));

            assertThat(amounts(payouts, PayoutKind.PROVIDER))
                    .containsExactlyEntriesOf(new TreeMap<>(Map.of("ds-a", 34L, "ds-b", 33L, "ds-c", 33L)));
            assertThat(amounts(payouts, PayoutKind.COMPUTE_FEE)).containsEntry("ComputeMSP", 7L);
            assertThat(amounts(payouts, PayoutKind.REFUND)).isEmpty();
        }

        @Test
        void largerRemainderBeatsSmallerId() {
            // cap 10, sample-rounds a=1, b=2: exact shares 3.33 and 6.67 -> floors 3 and 6, b's remainder is larger
            TrainingJob job = job(100, 10, 0, List.of("ds-a", "ds-b"));
            List<Payout> payouts = PayoutRule.completion(job, List.of(round(1, Map.of("ds-a", 1L, "ds-b", 2L))));

            assertThat(amounts(payouts, PayoutKind.PROVIDER))
                    .containsExactlyEntriesOf(new TreeMap<>(Map.of("ds-a", 3L, "ds-b", 7L)));
        }

        @Test
        void hugeNumbersNeitherOverflowNorLoseTokens() {
            long cap = Long.MAX_VALUE - 10;
            TrainingJob job = job(Long.MAX_VALUE / 3, cap, 10, List.of("ds-a", "ds-b", "ds-c"));
            List<Payout> payouts = PayoutRule.completion(
                    job, List.of(round(1, Map.of("ds-a", Long.MAX_VALUE / 4, "ds-b", 3L, "ds-c", 1_000_000_007L))));

            long providers = payouts.stream()
                    .filter(p -> p.kind() == PayoutKind.PROVIDER)
                    .mapToLong(Payout::amount)
                    .sum();
            assertThat(providers).isEqualTo(cap);
            assertThat(payouts.stream().mapToLong(Payout::amount).sum()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void cancellationRefundsTheWholeEscrow() {
        TrainingJob job = job(3, 900, 100, List.of("ds-a"));
        assertThat(PayoutRule.cancellation(job))
                .containsExactly(new Payout("DataUserMSP", 1_000, PayoutKind.REFUND, null, null));
    }

    /** Seeded random jobs: the payouts empty the escrow exactly and never pay anyone more than it earned. */
    @Test
    void payoutsAlwaysSumToTheEscrowAndFollowTheRule() {
        Random random = new Random(20261122);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(6);
            List<String> datasets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                datasets.add("ds-" + i);
            }
            long price = 1 + random.nextInt(50);
            long cap = 1 + random.nextInt(100_000);
            long fee = random.nextInt(1_000);
            TrainingJob job = job(price, cap, fee, datasets);
            List<RoundRecord> rounds = new ArrayList<>();
            int roundCount = 1 + random.nextInt(5);
            for (int r = 1; r <= roundCount; r++) {
                Map<String, Long> samples = new TreeMap<>();
                for (String d : datasets) {
                    if (random.nextInt(4) > 0) {
                        samples.put(d, 1L + random.nextInt(500));
                    }
                }
                if (samples.isEmpty()) {
                    samples.put(datasets.get(0), 1L);
                }
                rounds.add(round(r, samples));
            }
            Map<String, Long> sampleRounds = new TreeMap<>();
            rounds.forEach(
                    rr -> rr.participants().forEach(p -> sampleRounds.merge(p.datasetId(), p.samples(), Long::sum)));
            long total =
                    sampleRounds.values().stream().mapToLong(Long::longValue).sum();

            List<Payout> payouts = PayoutRule.completion(job, rounds);

            assertThat(payouts.stream().mapToLong(Payout::amount).sum()).isEqualTo(cap + fee);
            assertThat(payouts).allSatisfy(p -> assertThat(p.amount()).isPositive());
            Map<String, Long> paid = amounts(payouts, PayoutKind.PROVIDER);
            long providers = paid.values().stream().mapToLong(Long::longValue).sum();
            assertThat(providers).isEqualTo(Math.min(cap, price * total));
            paid.forEach((d, amount) -> {
                long earned = price * sampleRounds.get(d);
                assertThat(amount).isLessThanOrEqualTo(earned);
                // within one token of the exact proportional share
                BigInteger exactTimesTotal =
                        BigInteger.valueOf(providers).multiply(BigInteger.valueOf(sampleRounds.get(d)));
                BigInteger lower = exactTimesTotal.divide(BigInteger.valueOf(total));
                assertThat(BigInteger.valueOf(amount)).isBetween(lower, lower.add(BigInteger.ONE));
            });
        }
    }
}
