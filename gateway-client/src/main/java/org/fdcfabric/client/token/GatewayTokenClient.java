package org.fdcfabric.client.token;

import static org.fdcfabric.client.tx.Arguments.amount;
import static org.fdcfabric.client.tx.Arguments.bookmark;
import static org.fdcfabric.client.tx.Arguments.pageSize;

import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.token.TokenTransfer;

final class GatewayTokenClient implements TokenClient {
    private final ContractCalls calls;

    GatewayTokenClient(ContractCalls calls) {
        this.calls = calls;
    }

    @Override
    public Committed<TokenInfo> initialize(String name, String adminMsp) throws FdcClientException {
        return calls.submit("Initialize", TokenInfo.class, name, adminMsp);
    }

    @Override
    public Committed<TokenTransfer> mint(String account, long amount) throws FdcClientException {
        return calls.submit("Mint", TokenTransfer.class, account, amount(amount));
    }

    @Override
    public Committed<TokenTransfer> transfer(String to, long amount) throws FdcClientException {
        return calls.submit("Transfer", TokenTransfer.class, to, amount(amount));
    }

    @Override
    public Balance balanceOf(String account) throws FdcClientException {
        return calls.evaluate("BalanceOf", Balance.class, account);
    }

    @Override
    public long totalSupply() throws FdcClientException {
        return calls.evaluate("TotalSupply", Long.class);
    }

    @Override
    public TokenInfo token() throws FdcClientException {
        return calls.evaluate("GetToken", TokenInfo.class);
    }

    @Override
    public AccountPage accounts(int pageSize, String bookmark) throws FdcClientException {
        return calls.evaluate("ListAccounts", AccountPage.class, pageSize(pageSize), bookmark(bookmark));
    }
}
