package org.fdcfabric.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Test;

class AccountsTest {
    @Test
    void walletsAreMspIdsAndEscrowsAreSeparate() {
        assertThat(Accounts.requireWallet("Org1MSP")).isEqualTo("Org1MSP");
        assertThat(Accounts.requireAccount(Accounts.escrowOf("job-1"))).isEqualTo("escrow:job-1");
        assertThat(Accounts.isEscrow("escrow:job-1")).isTrue();
        assertThat(Accounts.isEscrow("Org1MSP")).isFalse();
    }

    @Test
    void escrowsAndMalformedNamesAreNotWallets() {
        for (String bad : new String[] {"escrow:job-1", "", "Org 1", "a:b", null}) {
            assertThatThrownBy(() -> Accounts.requireWallet(bad))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(Accounts.INVALID_ACCOUNT));
        }
        assertThatThrownBy(() -> Accounts.requireAccount("escrow:"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(Accounts.INVALID_ACCOUNT));
    }
}
