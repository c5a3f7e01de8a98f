package org.fdcfabric.chaincode.collaboration.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.collaboration.Consortium.ok;

import org.fdcfabric.chaincode.collaboration.Consortium;
import org.fdcfabric.chaincode.collaboration.SharedRouter;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.token.AccountPage;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.token.TokenTransfer;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRouter.class)
class TokenContractTest {
    static final String ORG1 = TestIdentities.ORG1;
    static final String ORG2 = TestIdentities.ORG2;
    static final String PAYER = Consortium.PAYER;

    static ContractRouter router;
    static TestIdentities ids;
    Consortium net;

    @BeforeAll
    static void scan(ContractRouter shared) {
        router = shared;
        ids = TestIdentities.create();
    }

    @BeforeEach
    void freshLedger() {
        net = new Consortium(router, ids);
    }

    @Nested
    class Initialize {
        @Test
        void namesTheTokenAndItsAdminOnce() {
            TxResult result =
                    ok(net.submit(ids.tokenAdmin(), "token:Initialize", "FDC Token", Consortium.TOKEN_ADMIN_MSP));

            TokenInfo info = net.read(result, TokenInfo.class);
            assertThat(info.name()).isEqualTo("FDC Token");
            assertThat(info.adminMsp()).isEqualTo(Consortium.TOKEN_ADMIN_MSP);
            assertThat(info.totalSupply()).isZero();
            assertThat(info.initializedAt()).isEqualTo(result.timestamp());
            assertThat(result.event()).hasValueSatisfying(e -> {
                assertThat(e.name()).isEqualTo("TokenInitialized");
                assertThat(e.payloadText()).isEqualTo(CanonicalJson.write(info));
            });
            assertThat(net.read(net.evaluate(ids.auditor(), "token:GetToken"), TokenInfo.class))
                    .isEqualTo(info);
        }

        @Test
        void secondInitializationIsRefused() {
            net.initToken();
            net.rejects(
                    "TOKEN_ALREADY_INITIALIZED",
                    () -> net.submit(ids.tokenAdmin(), "token:Initialize", "Other", Consortium.TOKEN_ADMIN_MSP));
        }

        @Test
        void badInputsAreRefusedWithTheirCodes() {
            net.rejects(
                    "INVALID_TOKEN_NAME",
                    () -> net.submit(ids.tokenAdmin(), "token:Initialize", " ", Consortium.TOKEN_ADMIN_MSP));
            net.rejects(
                    "INVALID_TOKEN_NAME",
                    () -> net.submit(ids.tokenAdmin(), "token:Initialize", "x".repeat(65), Consortium.TOKEN_ADMIN_MSP));
            net.rejects("INVALID_MSP_ID", () -> net.submit(ids.tokenAdmin(), "token:Initialize", "FDC", "bad msp"));
            net.rejects("WRONG_ORGANISATION", () -> net.submit(ids.tokenAdmin(), "token:Initialize", "FDC", ORG1));
        }
    }

    @Nested
    class Mint {
        @BeforeEach
        void init() {
            net.initToken();
        }

        @Test
        void createsTokensInAWalletAndRaisesTheSupply() {
            TxResult result = ok(net.submit(ids.tokenAdmin(), "token:Mint", PAYER, "1000"));

            assertThat(net.read(result, TokenTransfer.class)).isEqualTo(new TokenTransfer(null, PAYER, 1000, "mint"));
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("Minted"));
            net.mint(PAYER, 500);
            assertThat(net.balance(PAYER)).isEqualTo(1500);
            assertThat(net.totalSupply()).isEqualTo(1500);
        }

        @Test
        void amountsMustBePositiveWholeNumbers() {
            for (String bad : new String[] {
                "0", "-1", "1.5", "abc", "", "99999999999999999999", "+5", "\u0663", "1\u0663", " 5", "5 ", "\uff15"
            }) {
                net.rejects("INVALID_AMOUNT", () -> net.submit(ids.tokenAdmin(), "token:Mint", PAYER, bad));
            }
        }

        @Test
        void onlyWalletsCanBeMintedInto() {
            net.rejects("INVALID_ACCOUNT", () -> net.submit(ids.tokenAdmin(), "token:Mint", "escrow:job-1", "5"));
            net.rejects("INVALID_ACCOUNT", () -> net.submit(ids.tokenAdmin(), "token:Mint", "no spaces", "5"));
        }

        @Test
        void onlyOrganisationsOfTheChannelCaseExactAreAccounts() {
            for (String stranger : new String[] {"NoSuchMSP", "GhostMSP", "datausermsp", "DATAUSERMSP"}) {
                net.rejects("UNKNOWN_ACCOUNT", () -> net.submit(ids.tokenAdmin(), "token:Mint", stranger, "7"));
            }
            assertThat(net.totalSupply()).isZero();
        }

        @Test
        void theSupplyCannotOverflow() {
            net.mint(PAYER, Long.MAX_VALUE - 1);
            net.rejects("AMOUNT_OVERFLOW", () -> net.submit(ids.tokenAdmin(), "token:Mint", ORG1, "2"));
            net.mint(ORG1, 1);
            assertThat(net.totalSupply()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void aTokenAdminOfAnotherOrganisationMayNotMint() {
            var foreignAdmin = ids.user(ORG1, org.fdcfabric.protocol.Role.TOKEN_ADMIN);
            net.rejects("WRONG_ORGANISATION", () -> net.submit(foreignAdmin, "token:Mint", ORG1, "5"));
        }
    }

    @Test
    void nothingMovesBeforeInitialization() {
        net.rejects("TOKEN_NOT_INITIALIZED", () -> net.submit(ids.tokenAdmin(), "token:Mint", PAYER, "5"));
        net.rejects("TOKEN_NOT_INITIALIZED", () -> net.submit(ids.dataUser(), "token:Transfer", ORG1, "5"));
        assertThat(net.evaluate(ids.auditor(), "token:TotalSupply").errorCode()).isEqualTo("TOKEN_NOT_INITIALIZED");
    }

    @Nested
    class Transfer {
        @BeforeEach
        void fund() {
            net.initToken();
            net.mint(PAYER, 100);
        }

        @Test
        void movesTokensFromTheCallersOrganisation() {
            TxResult result = ok(net.submit(ids.dataUser(), "token:Transfer", ORG1, "30"));

            assertThat(net.read(result, TokenTransfer.class)).isEqualTo(new TokenTransfer(PAYER, ORG1, 30, "transfer"));
            assertThat(result.event())
                    .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("Transferred"));
            assertThat(net.balance(PAYER)).isEqualTo(70);
            assertThat(net.balance(ORG1)).isEqualTo(30);
            assertThat(net.totalSupply()).isEqualTo(100);
        }

        @Test
        void refusesOverdraftsSelfTransfersEscrowsAndBadAmounts() {
            net.rejects("INSUFFICIENT_FUNDS", () -> net.submit(ids.dataUser(), "token:Transfer", ORG1, "101"));
            net.rejects("INSUFFICIENT_FUNDS", () -> net.submit(ids.provider(ORG2), "token:Transfer", ORG1, "1"));
            net.rejects("SELF_TRANSFER", () -> net.submit(ids.dataUser(), "token:Transfer", PAYER, "1"));
            net.rejects("INVALID_ACCOUNT", () -> net.submit(ids.dataUser(), "token:Transfer", "escrow:job-1", "1"));
            net.rejects("INVALID_AMOUNT", () -> net.submit(ids.dataUser(), "token:Transfer", ORG1, "0"));
            net.rejects("INVALID_AMOUNT", () -> net.submit(ids.dataUser(), "token:Transfer", ORG1, "-5"));
            net.rejects("INVALID_AMOUNT", () -> net.submit(ids.dataUser(), "token:Transfer", ORG1, "+5"));
            net.rejects("INVALID_AMOUNT", () -> net.submit(ids.dataUser(), "token:Transfer", ORG1, "\u0663"));
        }

        @Test
        void tokensGoOnlyToOrganisationsOfTheChannel() {
            net.rejects("UNKNOWN_ACCOUNT", () -> net.submit(ids.dataUser(), "token:Transfer", "NoSuchMSP", "1"));
            net.rejects("UNKNOWN_ACCOUNT", () -> net.submit(ids.dataUser(), "token:Transfer", "org1msp", "1"));
            assertThat(net.balance(PAYER)).isEqualTo(100);
        }

        @Test
        void auditorsAndRolelessClientsCannotMoveTokens() {
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.auditor(), "token:Transfer", ORG1, "1"));
            net.rejects("UNAUTHORIZED_ROLE", () -> net.submit(ids.noRole(PAYER), "token:Transfer", ORG1, "1"));
        }
    }

    @Nested
    class Queries {
        @Test
        void balanceOfAnUnknownAccountIsZeroAndMalformedAccountsAreRefused() {
            assertThat(net.balance("Org9MSP")).isZero();
            assertThat(net.balance("escrow:job-9")).isZero();
            assertThat(net.evaluate(ids.auditor(), "token:BalanceOf", "a b").errorCode())
                    .isEqualTo("INVALID_ACCOUNT");
        }

        @Test
        void listAccountsPagesThroughEveryWallet() {
            net.initToken();
            net.mint(PAYER, 10);
            net.mint(ORG1, 20);
            net.mint(ORG2, 30);

            AccountPage first = net.read(net.evaluate(ids.auditor(), "token:ListAccounts", "2", ""), AccountPage.class);
            AccountPage second = net.read(
                    net.evaluate(ids.auditor(), "token:ListAccounts", "2", first.bookmark()), AccountPage.class);

            assertThat(first.accounts()).hasSize(2);
            assertThat(second.accounts()).hasSize(1);
            assertThat(first.accounts().stream().mapToLong(Balance::balance).sum()
                            + second.accounts().stream()
                                    .mapToLong(Balance::balance)
                                    .sum())
                    .isEqualTo(60);
            assertThat(net.evaluate(ids.auditor(), "token:ListAccounts", "0", "")
                            .errorCode())
                    .isEqualTo("INVALID_PAGE");
            assertThat(net.evaluate(ids.auditor(), "token:ListAccounts", "101", "")
                            .errorCode())
                    .isEqualTo("INVALID_PAGE");
        }
    }

    @Test
    void everyMovementIsOnTheTrailOfEachWalletItTouches() {
        net.initToken();
        net.mint(PAYER, 100);
        ok(net.submit(ids.dataUser(), "token:Transfer", ORG1, "40"));

        TrailPage payer =
                net.read(net.evaluate(ids.auditor(), "audit:GetTrail", "wallet:" + PAYER, "10", ""), TrailPage.class);
        TrailPage org1 =
                net.read(net.evaluate(ids.auditor(), "audit:GetTrail", "wallet:" + ORG1, "10", ""), TrailPage.class);
        TrailPage token = net.read(net.evaluate(ids.auditor(), "audit:GetTrail", "token", "10", ""), TrailPage.class);

        assertThat(payer.entries()).extracting(e -> e.action()).containsExactly("token:Mint", "token:Transfer");
        assertThat(org1.entries()).extracting(e -> e.action()).containsExactly("token:Transfer");
        assertThat(token.entries()).extracting(e -> e.action()).containsExactly("token:Initialize", "token:Mint");
        assertThat(payer.entries().get(1).actorMsp()).isEqualTo(PAYER);
        for (String subject : new String[] {"wallet:" + PAYER, "wallet:" + ORG1, "token"}) {
            assertThat(net.read(net.evaluate(ids.auditor(), "audit:VerifyTrail", subject), TrailVerdict.class)
                            .valid())
                    .isTrue();
        }
    }
}
