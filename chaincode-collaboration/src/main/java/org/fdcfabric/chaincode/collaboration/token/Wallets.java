package org.fdcfabric.chaincode.collaboration.token;

import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.token.TokenTransfer;

/**
 * Balances ({@code wallet~{account}}) and the token record ({@code token}). Every movement is audited on the
 * trail of each account it touches; minting is the only way tokens come into existence, so the sum of all
 * balances stays equal to the total supply.
 */
public final class Wallets {
    private final Tx tx;
    private final AuditTrail audit;

    public Wallets(Tx tx, AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
    }

    public TokenInfo token() {
        return tx.read(tx.key(Keys.TOKEN), TokenInfo.class)
                .orElseThrow(
                        () -> Refusals.refuse(ErrorCode.TOKEN_NOT_INITIALIZED, "the token has not been initialized"));
    }

    public boolean initialized() {
        return tx.exists(tx.key(Keys.TOKEN));
    }

    public void initialize(TokenInfo info, String action) {
        tx.write(tx.key(Keys.TOKEN), info);
        audit.append(Subjects.TOKEN, action, info);
    }

    public long balance(String account) {
        return tx.read(walletKey(account), Balance.class).map(Balance::balance).orElse(0L);
    }

    public TokenTransfer mint(String to, long amount, String action) {
        TokenInfo info = token();
        long supply;
        try {
            supply = Math.addExact(info.totalSupply(), amount);
        } catch (ArithmeticException e) {
            throw Refusals.refuse(ErrorCode.AMOUNT_OVERFLOW, "minting " + amount + " would overflow the total supply");
        }
        TokenInfo updated = info.withTotalSupply(supply);
        tx.write(tx.key(Keys.TOKEN), updated);
        audit.append(Subjects.TOKEN, action, updated);
        TokenTransfer transfer = new TokenTransfer(null, to, amount, "mint");
        credit(to, amount, action, transfer);
        return transfer;
    }

    /** Moves {@code amount > 0} between two distinct accounts, or fails with nothing written. */
    public TokenTransfer move(String from, String to, long amount, String reason, String action) {
        if (from.equals(to)) {
            throw Refusals.refuse(ErrorCode.SELF_TRANSFER, "cannot move tokens from " + from + " to itself");
        }
        long available = balance(from);
        if (available < amount) {
            throw Refusals.refuse(
                    ErrorCode.INSUFFICIENT_FUNDS, from + " holds " + available + " tokens, " + amount + " are needed");
        }
        long target = balance(to);
        if (target > Long.MAX_VALUE - amount) {
            throw Refusals.refuse(ErrorCode.AMOUNT_OVERFLOW, "crediting " + amount + " would overflow " + to);
        }
        TokenTransfer transfer = new TokenTransfer(from, to, amount, reason);
        setBalance(from, available - amount, action, transfer);
        credit(to, amount, action, transfer);
        return transfer;
    }

    private void credit(String account, long amount, String action, TokenTransfer cause) {
        long updated;
        try {
            updated = Math.addExact(balance(account), amount);
        } catch (ArithmeticException e) {
            throw Refusals.refuse(ErrorCode.AMOUNT_OVERFLOW, "crediting " + amount + " would overflow " + account);
        }
        setBalance(account, updated, action, cause);
    }

    private void setBalance(String account, long balance, String action, TokenTransfer cause) {
        Balance record = new Balance(account, balance);
        tx.write(walletKey(account), record);
        audit.append(Subjects.wallet(account), action, new WalletChange(record, cause));
    }

    private String walletKey(String account) {
        return tx.key(Keys.WALLET, account);
    }

    /** What a wallet's audit entry commits to: the new balance and the movement that produced it. */
    public record WalletChange(Balance balance, TokenTransfer transfer) {}
}
