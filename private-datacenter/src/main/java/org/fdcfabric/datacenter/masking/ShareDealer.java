package org.fdcfabric.datacenter.masking;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.protocol.secagg.Seeds;
import org.fdcfabric.protocol.secagg.Shamir;
import org.fdcfabric.protocol.secagg.Share;

/** Splits a seed into Shamir shares with a fresh random polynomial of degree {@code threshold - 1}. */
final class ShareDealer {
    private final SecureRandom random;

    ShareDealer(SecureRandom random) {
        this.random = random;
    }

    List<Share> split(byte[] seed, int threshold, List<Integer> xs) {
        if (threshold < 1 || threshold > xs.size()) {
            throw new IllegalArgumentException("threshold " + threshold + " does not fit " + xs.size() + " holders");
        }
        List<BigInteger> coefficients = new ArrayList<>(threshold);
        coefficients.add(Seeds.toField(seed));
        for (int i = 1; i < threshold; i++) {
            coefficients.add(randomFieldElement());
        }
        List<Share> shares = new ArrayList<>(xs.size());
        for (int x : xs) {
            shares.add(new Share(x, Shamir.evaluate(coefficients, x)));
        }
        return shares;
    }

    private BigInteger randomFieldElement() {
        BigInteger candidate;
        do {
            candidate = new BigInteger(Shamir.PRIME.bitLength(), random);
        } while (candidate.compareTo(Shamir.PRIME) >= 0);
        return candidate;
    }
}
