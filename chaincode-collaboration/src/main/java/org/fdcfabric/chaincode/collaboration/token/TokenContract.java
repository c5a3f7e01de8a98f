package org.fdcfabric.chaincode.collaboration.token;

import org.fdcfabric.chaincode.collaboration.Inputs;
import org.fdcfabric.chaincode.support.AuditTrail;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.support.Page;
import org.fdcfabric.chaincode.support.PageRequest;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Accounts;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.token.TokenTransfer;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** The collaboration token: organisation wallets funded by the token admin, spent on training jobs. */
@Contract(name = "token")
public final class TokenContract implements ContractInterface {
    public static final int MAX_NAME_CHARS = 64;

    /** Names the token and the organisation whose token admins may mint; once. Emits {@code TokenInitialized}. */
    @Transaction
    public String Initialize(Context ctx, String name, String adminMsp) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.TOKEN_ADMIN);
        Refusals.checked(() -> InputChecks.text(name, MAX_NAME_CHARS, false, "INVALID_TOKEN_NAME", "name"));
        Refusals.checked(() -> InputChecks.matches(adminMsp, InputChecks.MSP_ID, "INVALID_MSP_ID", "adminMsp"));
        tx.caller().requireOrganisation(adminMsp, "the token admin organisation must be the caller's own");
        Wallets wallets = wallets(tx);
        if (wallets.initialized()) {
            throw Refusals.refuse(ErrorCode.TOKEN_ALREADY_INITIALIZED, "the token is already initialized");
        }
        TokenInfo info = new TokenInfo(name, adminMsp, 0, tx.time());
        wallets.initialize(info, "token:Initialize");
        tx.emit("TokenInitialized", info);
        return CanonicalJson.write(info);
    }

    /**
     * Creates {@code amount} tokens in the wallet of an organisation of the channel. Token admins of the admin MSP
     * only.
     */
    @Transaction
    public String Mint(Context ctx, String account, String amount) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.TOKEN_ADMIN);
        Wallets wallets = wallets(tx);
        TokenInfo info = wallets.token();
        tx.caller().requireOrganisation(info.adminMsp(), "only " + info.adminMsp() + " may mint");
        Refusals.checked(() -> Accounts.requireWallet(account));
        ChannelMembers.configured().requireMember(account);
        long value = Inputs.positiveLong(amount, "amount", ErrorCode.INVALID_AMOUNT);
        TokenTransfer minted = wallets.mint(account, value, "token:Mint");
        tx.emit("Minted", minted);
        return CanonicalJson.write(minted);
    }

    /** Moves tokens from the caller's organisation wallet to another organisation of the channel. */
    @Transaction
    public String Transfer(Context ctx, String to, String amount) {
        Tx tx = Tx.of(ctx);
        tx.caller().require(Role.PROVIDER, Role.DATA_USER, Role.COMPUTE, Role.TOKEN_ADMIN);
        Wallets wallets = wallets(tx);
        wallets.token();
        Refusals.checked(() -> Accounts.requireWallet(to));
        ChannelMembers.configured().requireMember(to);
        long value = Inputs.positiveLong(amount, "amount", ErrorCode.INVALID_AMOUNT);
        TokenTransfer moved = wallets.move(tx.caller().msp(), to, value, "transfer", "token:Transfer");
        tx.emit("Transferred", moved);
        return CanonicalJson.write(moved);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String BalanceOf(Context ctx, String account) {
        Tx tx = Tx.of(ctx);
        Refusals.checked(() -> Accounts.requireAccount(account));
        return CanonicalJson.write(new Balance(account, wallets(tx).balance(account)));
    }

    /** The number of tokens minted, which equals the sum of every wallet and escrow. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String TotalSupply(Context ctx) {
        return Long.toString(wallets(Tx.of(ctx)).token().totalSupply());
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetToken(Context ctx) {
        return CanonicalJson.write(wallets(Tx.of(ctx)).token());
    }

    /** Every account with its balance, in key order, so auditors can check conservation. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListAccounts(Context ctx, String pageSize, String bookmark) {
        Tx tx = Tx.of(ctx);
        Page<Balance> page = tx.page(
                Balance.class,
                PageRequest.parse(pageSize, bookmark, PageRequest.ANY_KEY_PART, ErrorCode.INVALID_PAGE),
                Keys.WALLET);
        return CanonicalJson.write(new AccountPage(page.items(), page.bookmark()));
    }

    private static Wallets wallets(Tx tx) {
        return new Wallets(tx, new AuditTrail(tx));
    }
}
