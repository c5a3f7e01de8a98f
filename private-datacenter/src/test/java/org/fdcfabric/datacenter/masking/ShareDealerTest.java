package org.fdcfabric.datacenter.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.fdcfabric.protocol.secagg.Seeds;
import org.fdcfabric.protocol.secagg.Shamir;
import org.fdcfabric.protocol.secagg.Share;
import org.junit.jupiter.api.Test;

class ShareDealerTest {
    @Test
    void anyThresholdOfTheSharesRebuildsTheSeedAndFewerDoNot() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        List<Share> shares = new ShareDealer(new SecureRandom()).split(seed, 3, List.of(1, 2, 3, 4, 5));

        assertThat(shares).extracting(Share::x).containsExactly(1, 2, 3, 4, 5);
        assertThat(Seeds.fromField(Shamir.interpolateAtZero(shares.subList(0, 3))))
                .hasValueSatisfying(s -> assertThat(s).isEqualTo(seed));
        assertThat(Seeds.fromField(Shamir.interpolateAtZero(List.of(shares.get(4), shares.get(1), shares.get(3)))))
                .hasValueSatisfying(s -> assertThat(s).isEqualTo(seed));
        assertThat(Shamir.interpolateAtZero(shares.subList(0, 2))).isNotEqualTo(Seeds.toField(seed));
    }

    @Test
    void twoSplitsOfOneSeedUseDifferentPolynomials() {
        byte[] seed = new byte[32];
        ShareDealer dealer = new ShareDealer(new SecureRandom());
        assertThat(dealer.split(seed, 2, List.of(1, 2))).isNotEqualTo(dealer.split(seed, 2, List.of(1, 2)));
    }
}
