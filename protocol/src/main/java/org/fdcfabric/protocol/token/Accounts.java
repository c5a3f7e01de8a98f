package org.fdcfabric.protocol.token;

import java.util.regex.Pattern;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;

/**
 * Account naming. A wallet is named by its organisation's MSP id; a job escrow is {@code escrow:{jobId}}. MSP ids
 * cannot contain a colon, so the two namespaces never collide.
 */
public final class Accounts {
    public static final String ESCROW_PREFIX = "escrow:";
    public static final String INVALID_ACCOUNT = "INVALID_ACCOUNT";

    private static final Pattern ESCROW = Pattern.compile("escrow:[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Accounts() {}

    public static String escrowOf(String jobId) {
        return ESCROW_PREFIX + jobId;
    }

    public static boolean isEscrow(String account) {
        return account != null && account.startsWith(ESCROW_PREFIX);
    }

    /** An organisation wallet: escrows are moved only by the job contract, never by transfer or mint. */
    public static String requireWallet(String account) {
        if (isEscrow(account)) {
            throw new InvalidInputException(INVALID_ACCOUNT, "escrow accounts are moved only by the job contract");
        }
        return InputChecks.matches(account, InputChecks.MSP_ID, INVALID_ACCOUNT, "account");
    }

    /** A wallet or an escrow, as balance queries accept. */
    public static String requireAccount(String account) {
        if (isEscrow(account)) {
            return InputChecks.matches(account, ESCROW, INVALID_ACCOUNT, "account");
        }
        return requireWallet(account);
    }
}
