package org.fdcfabric.protocol.token;

import java.util.List;

/** One page of account balances in key order; {@code bookmark} is empty after the last page. */
public record AccountPage(List<Balance> accounts, String bookmark) {
    public AccountPage {
        accounts = List.copyOf(accounts);
    }
}
