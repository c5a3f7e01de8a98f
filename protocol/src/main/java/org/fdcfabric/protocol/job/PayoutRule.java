package org.fdcfabric.protocol.job;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact, integer-only settlement of a job's escrow ({@code providerCap + computeFee}).
 *
 * <p>On completion each participating dataset {@code d} has {@code sr(d)}, the samples it contributed summed over
 * all recorded rounds ("sample-rounds"), and earns {@code tokensPerSample * sr(d)}.
 *
 * <ol>
 *   <li>If the total earned fits within {@code providerCap}, every dataset's owner is paid exactly what it earned.
 *   <li>Otherwise the cap is shared in proportion to sample-rounds (largest-remainder method): each dataset gets
 *       {@code floor(providerCap * sr(d) / S)} with {@code S = sum of sr}; the {@code k < number of datasets}
 *       tokens left over go one each to the datasets with the largest remainders {@code providerCap * sr(d) mod S},
 *       ties broken by dataset id in ascending order. The providers then receive exactly {@code providerCap}.
 * </ol>
 *
 * The compute organisation receives {@code computeFee}, and the payer gets back whatever remains. On
 * cancellation, and when the compute organisation fails the job, the payer gets back the whole escrow: nobody is
 * paid for rounds of a job that never completed. Zero amounts are not paid out. Payouts are listed providers
 * first in dataset id order, then the compute fee, then the refund, so every peer computes the same list.
 */
public final class PayoutRule {
    private PayoutRule() {}

    public static List<Payout> completion(TrainingJob job, List<RoundRecord> rounds) {
        JobOffer offer = job.offer();
        Map<String, Long> sampleRounds = new TreeMap<>();
        Map<String, String> owners = new TreeMap<>();
        for (RoundRecord round : rounds) {
            for (RoundParticipant p : round.participants()) {
                sampleRounds.merge(p.datasetId(), p.samples(), Math::addExact);
                owners.put(p.datasetId(), p.providerMsp());
            }
        }
        Map<String, Long> amounts = providerAmounts(offer, sampleRounds);

        List<Payout> payouts = new ArrayList<>();
        long paid = 0;
        for (Map.Entry<String, Long> e : amounts.entrySet()) {
            if (e.getValue() > 0) {
                payouts.add(new Payout(
                        owners.get(e.getKey()),
                        e.getValue(),
                        PayoutKind.PROVIDER,
                        e.getKey(),
                        sampleRounds.get(e.getKey())));
                paid = Math.addExact(paid, e.getValue());
            }
        }
        if (offer.computeFee() > 0) {
            payouts.add(new Payout(offer.computeMsp(), offer.computeFee(), PayoutKind.COMPUTE_FEE, null, null));
            paid = Math.addExact(paid, offer.computeFee());
        }
        long refund = Math.subtractExact(offer.escrowAmount(), paid);
        if (refund > 0) {
            payouts.add(new Payout(job.payerMsp(), refund, PayoutKind.REFUND, null, null));
        }
        return List.copyOf(payouts);
    }

    public static List<Payout> cancellation(TrainingJob job) {
        return List.of(new Payout(job.payerMsp(), job.offer().escrowAmount(), PayoutKind.REFUND, null, null));
    }

    public static List<Payout> failure(TrainingJob job) {
        return cancellation(job);
    }

    private static Map<String, Long> providerAmounts(JobOffer offer, Map<String, Long> sampleRounds) {
        BigInteger price = BigInteger.valueOf(offer.tokensPerSample());
        BigInteger cap = BigInteger.valueOf(offer.providerCap());
        BigInteger total = BigInteger.ZERO;
        BigInteger earnedTotal = BigInteger.ZERO;
        for (long sr : sampleRounds.values()) {
            total = total.add(BigInteger.valueOf(sr));
            earnedTotal = earnedTotal.add(price.multiply(BigInteger.valueOf(sr)));
        }
        Map<String, Long> amounts = new TreeMap<>();
        if (earnedTotal.compareTo(cap) <= 0) {
            sampleRounds.forEach((dataset, sr) ->
                    amounts.put(dataset, price.multiply(BigInteger.valueOf(sr)).longValueExact()));
            return amounts;
        }
        List<Share> shares = new ArrayList<>();
        long distributed = 0;
        for (Map.Entry<String, Long> e : sampleRounds.entrySet()) {
            BigInteger[] qr = cap.multiply(BigInteger.valueOf(e.getValue())).divideAndRemainder(total);
            long floor = qr[0].longValueExact();
            amounts.put(e.getKey(), floor);
            distributed += floor;
            shares.add(new Share(e.getKey(), qr[1]));
        }
        long leftover = offer.providerCap() - distributed;
        shares.sort(Comparator.comparing(Share::remainder).reversed().thenComparing(Share::datasetId));
        for (int i = 0; i < leftover; i++) {
            amounts.merge(shares.get(i).datasetId(), 1L, Math::addExact);
        }
        return amounts;
    }

    private record Share(String datasetId, BigInteger remainder) {}
}
