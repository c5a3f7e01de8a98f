package org.fdcfabric.cli.token;

import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Output;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.token.TokenTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fdc token}: the collaboration token (organisation wallets, minting, transfers). */
@Command(
        name = "token",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc token balance --as dave", "  fdc token transfer Provider1MSP 25 --as dave"},
        description = "Initialize, mint, transfer and check the collaboration token.",
        subcommands = {
            TokenCommands.Init.class,
            TokenCommands.Mint.class,
            TokenCommands.Transfer.class,
            TokenCommands.BalanceCommand.class
        })
public final class TokenCommands {

    @Command(
            name = "init",
            footerHeading = HelpText.EXAMPLES,
            footer = {
                "  fdc token init --name \"FDC token\" --as provider1-admin",
                "  fdc token init --admin-msp Provider1MSP --json"
            },
            description = "Name the token; your organisation's token admins become its minters (once).")
    static final class Init extends ClientCommand {
        @Option(
                names = "--name",
                defaultValue = "FDC",
                paramLabel = "<name>",
                description = "Token name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--admin-msp", paramLabel = "<msp>", description = "Minting organisation (default: your own).")
        String adminMsp;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            String admin = adminMsp == null ? connection.identity().mspId() : adminMsp;
            Committed<TokenInfo> committed = connection.tokens().initialize(name, admin);
            TokenInfo info = committed.value();
            out.committed(
                    committed, Output.fields("initialized token " + info.name()).add("admin", info.adminMsp()));
        }
    }

    @Command(
            name = "mint",
            footerHeading = HelpText.EXAMPLES,
            footer = {
                "  fdc token mint DataUserMSP 1000 --as provider1-admin",
                "  fdc token mint DataUserMSP 1000 --json"
            },
            description = "Create tokens in an organisation's wallet (token admins only).")
    static final class Mint extends ClientCommand {
        @Parameters(
                index = "0",
                paramLabel = "<account>",
                description = "Organisation MSP id whose wallet receives them.")
        String account;

        @Parameters(index = "1", paramLabel = "<amount>", description = "Whole tokens, greater than 0.")
        long amount;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<TokenTransfer> committed = connection.tokens().mint(account, amount);
            out.committed(
                    committed,
                    Output.fields("minted " + committed.value().amount() + " to "
                            + committed.value().to()));
        }
    }

    @Command(
            name = "transfer",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc token transfer Provider1MSP 25 --as dave", "  fdc token transfer Provider1MSP 25 --json"},
            description = "Move tokens from your organisation's wallet to another's.")
    static final class Transfer extends ClientCommand {
        @Parameters(index = "0", paramLabel = "<to>", description = "Receiving organisation's MSP id.")
        String to;

        @Parameters(index = "1", paramLabel = "<amount>", description = "Whole tokens, greater than 0.")
        long amount;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<TokenTransfer> committed = connection.tokens().transfer(to, amount);
            TokenTransfer moved = committed.value();
            out.committed(
                    committed,
                    Output.fields("transferred " + moved.amount() + " from " + moved.from() + " to " + moved.to()));
        }
    }

    @Command(
            name = "balance",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc token balance --as dave", "  fdc token balance escrow:job-1 --json"},
            description = "An account's balance (default: your organisation's wallet).")
    static final class BalanceCommand extends ClientCommand {
        @Parameters(arity = "0..1", paramLabel = "<account>", description = "MSP id or escrow:<jobId>.")
        String account;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Balance balance = connection
                    .tokens()
                    .balanceOf(account == null ? connection.identity().mspId() : account);
            out.print(balance, Output.fields(balance.account() + ": " + balance.balance()));
        }
    }
}
