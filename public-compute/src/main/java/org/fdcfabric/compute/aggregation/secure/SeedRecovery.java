package org.fdcfabric.compute.aggregation.secure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fdcfabric.protocol.secagg.SecretCommitment;
import org.fdcfabric.protocol.secagg.Seeds;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.Shamir;
import org.fdcfabric.protocol.secagg.Share;

/**
 * Rebuilds one seed from revealed shares and checks it against the owner's commitment. If the first t shares do
 * not match, it searches other t-subsets (bounded), then names every holder whose share is off the polynomial.
 */
final class SeedRecovery {
    /** Enough for every subset with 16 centers; beyond that a round with wrong shares fails rather than stalls. */
    private static final int MAX_SUBSETS = 20_000;

    record Result(Optional<byte[]> seed, List<String> wrongHolders) {}

    private SeedRecovery() {}

    /** @param shares by holder id; each holder's x is fixed by the roster */
    static Result recover(SessionId session, SecretCommitment commitment, Map<String, Share> shares, int threshold) {
        List<Map.Entry<String, Share>> entries = new ArrayList<>(new TreeMap<>(shares).entrySet());
        if (entries.size() < threshold) {
            return new Result(Optional.empty(), List.of());
        }
        int[] pick = new int[threshold];
        for (int i = 0; i < threshold; i++) {
            pick[i] = i;
        }
        for (int tried = 0; tried < MAX_SUBSETS; tried++) {
            List<Share> subset = new ArrayList<>(threshold);
            for (int i : pick) {
                subset.add(entries.get(i).getValue());
            }
            Optional<byte[]> seed = Seeds.fromField(Shamir.interpolateAtZero(subset));
            if (seed.isPresent() && commitment.matches(session, seed.get())) {
                return new Result(seed, offPolynomial(subset, entries));
            }
            if (!nextSubset(pick, entries.size())) {
                break;
            }
        }
        return new Result(Optional.empty(), List.of());
    }

    private static List<String> offPolynomial(List<Share> basis, List<Map.Entry<String, Share>> entries) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Share> e : entries) {
            BigInteger expected = Shamir.interpolateAt(basis, e.getValue().x());
            if (!expected.equals(e.getValue().y())) {
                wrong.add(e.getKey());
            }
        }
        return wrong;
    }

    private static boolean nextSubset(int[] pick, int n) {
        int k = pick.length;
        int i = k - 1;
        while (i >= 0 && pick[i] == n - k + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        pick[i]++;
        for (int j = i + 1; j < k; j++) {
            pick[j] = pick[j - 1] + 1;
        }
        return true;
    }
}
