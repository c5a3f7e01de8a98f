package org.fdcfabric.client.token;

import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.token.TokenTransfer;

/** The {@code token} contract on the collaboration channel: organisation wallets, minting, transfers. */
public interface TokenClient {

    static TokenClient over(ContractCalls calls) {
        return new GatewayTokenClient(calls);
    }

    /** {@code token:Initialize}: names the token and the organisation whose token admins may mint; once. */
    Committed<TokenInfo> initialize(String name, String adminMsp) throws FdcClientException;

    /** {@code token:Mint}: creates tokens in an organisation wallet (token admins of the admin MSP). */
    Committed<TokenTransfer> mint(String account, long amount) throws FdcClientException;

    /** {@code token:Transfer}: moves tokens from the caller's organisation wallet to another wallet. */
    Committed<TokenTransfer> transfer(String to, long amount) throws FdcClientException;

    /** {@code token:BalanceOf}: a wallet's or an escrow's balance (zero for an account never funded). */
    Balance balanceOf(String account) throws FdcClientException;

    /** {@code token:TotalSupply}. */
    long totalSupply() throws FdcClientException;

    /** {@code token:GetToken}. */
    TokenInfo token() throws FdcClientException;

    /** {@code token:ListAccounts}: every account in key order; pass the returned bookmark for the next page. */
    AccountPage accounts(int pageSize, String bookmark) throws FdcClientException;
}
