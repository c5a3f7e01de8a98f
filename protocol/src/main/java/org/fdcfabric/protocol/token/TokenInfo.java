package org.fdcfabric.protocol.token;

import java.time.Instant;

/**
 * The token as initialized on the collaboration channel.
 *
 * @param name human-readable token name
 * @param adminMsp the only organisation whose {@code token-admin} identities may mint
 * @param totalSupply tokens minted so far; always equals the sum of all account balances
 * @param initializedAt transaction time of the initialization
 */
public record TokenInfo(String name, String adminMsp, long totalSupply, Instant initializedAt) {
    public TokenInfo withTotalSupply(long newSupply) {
        return new TokenInfo(name, adminMsp, newSupply, initializedAt);
    }
}
