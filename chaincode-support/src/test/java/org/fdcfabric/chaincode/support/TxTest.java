package org.fdcfabric.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.LedgerClient;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The support library over the chaincode tests' in-memory ledger (sorted state, staged writes kept apart from
 * committed state, paged composite-key queries): the read-your-writes rule, audit chains, the one bookmark scheme,
 * and refusals with their codes.
 */
class TxTest {
    private static TestIdentities ids;

    @BeforeAll
    static void consortium() {
        ids = TestIdentities.create();
    }

    /** A value as the ledger stores it. */
    record Note(String text) {}

    /**
     * A chaincode whose functions are the lambdas given: each runs on a fresh {@link Tx} and answers its result as
     * canonical JSON, or refuses as a contract does (the message leads with the code, the payload is the code).
     */
    private record Probe(Map<String, BiFunction<Tx, List<String>, Object>> functions) implements Chaincode {
        @Override
        public Response init(ChaincodeStub stub) {
            return new Response(200, "", new byte[0]);
        }

        @Override
        public Response invoke(ChaincodeStub stub) {
            try {
                Object result = functions.get(stub.getFunction()).apply(Tx.of(new Context(stub)), stub.getParameters());
                return new Response(200, "", CanonicalJson.bytes(result));
            } catch (ChaincodeException e) {
                return new Response(500, e.getMessage(), e.getPayload());
            }
        }
    }

    private static LedgerClient client(InMemoryLedger ledger) {
        return ledger.as(ids.provider(TestIdentities.ORG1)).on("ch", "cc");
    }

    private static InMemoryLedger ledger(Map<String, BiFunction<Tx, List<String>, Object>> functions) {
        return InMemoryLedger.builder().deploy("ch", "cc", new Probe(functions)).build();
    }

    @Nested
    class ReadYourWrites {
        @Test
        void aPointReadSeesTheTransactionsOwnWriteAndNothingElseChanges() {
            InMemoryLedger ledger = ledger(Map.of(
                    "c:Seed",
                            (tx, args) -> {
                                tx.write(tx.key("note", "a"), new Note("committed"));
                                return "ok";
                            },
                    "c:Overwrite",
                            (tx, args) -> {
                                String key = tx.key("note", "a");
                                String before =
                                        tx.read(key, Note.class).orElseThrow().text();
                                tx.write(key, new Note("staged"));
                                String after =
                                        tx.read(key, Note.class).orElseThrow().text();
                                boolean fresh = tx.exists(tx.key("note", "b"));
                                tx.write(tx.key("note", "b"), new Note("new"));
                                return List.of(
                                        before,
                                        after,
                                        Boolean.toString(fresh),
                                        Boolean.toString(tx.exists(tx.key("note", "b"))));
                            }));
            assertThat(client(ledger).submit("c:Seed").isSuccess()).isTrue();

            TxResult result = client(ledger).submit("c:Overwrite");

            assertThat(result.isSuccess()).as(result.toString()).isTrue();
            assertThat(result.payloadText()).isEqualTo("[\"committed\",\"staged\",\"false\",\"true\"]");
            assertThat(ledger.state("ch", "cc").get("note", "a")).contains("{\"text\":\"staged\"}");
        }

        @Test
        void twoAuditEntriesInOneTransactionLinkAndVerify() {
            InMemoryLedger ledger = ledger(Map.of(
                    "c:Twice",
                            (tx, args) -> {
                                AuditTrail trail = new AuditTrail(tx);
                                AuditEntry first = trail.append("wallet:Org1MSP", "token:Mint", new Note("one"));
                                AuditEntry second = trail.append("wallet:Org1MSP", "token:Transfer", new Note("two"));
                                return List.of(first, second);
                            },
                    "c:Verify", (tx, args) -> new AuditTrail(tx).verify("wallet:Org1MSP")));

            TxResult twice = client(ledger).submit("c:Twice");
            TxResult verdict = client(ledger).evaluate("c:Verify");

            assertThat(twice.isSuccess()).as(twice.toString()).isTrue();
            AuditEntry[] entries = CanonicalJson.read(twice.payloadText(), AuditEntry[].class);
            assertThat(entries[0].seq()).isZero();
            assertThat(entries[1].seq()).isEqualTo(1);
            assertThat(entries[1].previousHash()).isEqualTo(entries[0].hash());
            assertThat(CanonicalJson.read(verdict.payloadText(), TrailVerdict.class)
                            .valid())
                    .isTrue();
        }

        @Test
        void aValueThatDoesNotParseIsCorruptStateNotTheCallersFault() {
            InMemoryLedger ledger = ledger(Map.of("c:Read", (tx, args) -> tx.read(tx.key("note", "a"), Note.class)
                    .orElseThrow()));
            ledger.state("ch", "cc")
                    .overwrite(new org.hyperledger.fabric.shim.ledger.CompositeKey("note", "a").toString(), "{oops");

            assertThat(client(ledger).evaluate("c:Read").errorCode()).isEqualTo("CORRUPT_STATE");
        }
    }

    @Nested
    class Paging {
        private InMemoryLedger fivePages() {
            InMemoryLedger ledger = ledger(Map.of("c:List", Paging::list, "c:Seed", (tx, args) -> {
                for (String id : List.of("a", "b", "c", "d", "e")) {
                    tx.write(tx.key("note", "x", id), new Note(id));
                }
                tx.write(tx.key("notf", "x", "z"), new Note("outside"));
                return "ok";
            }));
            client(ledger).submit("c:Seed");
            return ledger;
        }

        private static Object list(Tx tx, List<String> args) {
            return tx.page(
                    Note.class,
                    PageRequest.parse(args.get(0), args.get(1), PageRequest.ANY_KEY_PART, ErrorCode.INVALID_PAGE),
                    "note",
                    "x");
        }

        @Test
        void bookmarksAreTheNextKeyPartAndWalkEveryEntryOnceWithinThePrefix() {
            InMemoryLedger ledger = fivePages();
            List<String> seen = new ArrayList<>();
            List<String> bookmarks = new ArrayList<>();
            String bookmark = "";
            do {
                TxResult result = client(ledger).evaluate("c:List", "2", bookmark);
                assertThat(result.isSuccess()).as(result.toString()).isTrue();
                Page<?> page = CanonicalJson.read(result.payloadText(), Page.class);
                page.items().forEach(n -> seen.add(((Map<?, ?>) n).get("text").toString()));
                bookmark = page.bookmark();
                bookmarks.add(bookmark);
            } while (!bookmark.isEmpty() && bookmarks.size() < 10);

            assertThat(seen).containsExactly("a", "b", "c", "d", "e");
            assertThat(bookmarks).containsExactly("c", "e", "");
        }

        @Test
        void aRawLedgerKeyAsBookmarkIsRefused() {
            InMemoryLedger ledger = fivePages();
            String rawKey = new org.hyperledger.fabric.shim.ledger.CompositeKey("notf", "x", "z").toString();

            TxResult result = client(ledger).evaluate("c:List", "2", rawKey);

            assertThat(result.errorCode()).isEqualTo("INVALID_BOOKMARK");
            assertThat(result.payloadText()).isEqualTo("INVALID_BOOKMARK");
        }

        @Test
        void badPageSizesAreRefusedWithTheChannelsCode() {
            InMemoryLedger ledger = fivePages();
            for (String size : List.of("0", "101", "+5", "two", "٣")) {
                assertThat(client(ledger).evaluate("c:List", size, "").errorCode())
                        .as(size)
                        .isEqualTo("INVALID_PAGE");
            }
        }
    }

    @Nested
    class Callers {
        @Test
        void aMissingRoleIsRefusedWithTheGivenCodeAndAHeldOnePasses() {
            InMemoryLedger ledger = ledger(Map.of(
                    "c:Provider", (tx, args) -> tx.caller().require(ErrorCode.NOT_A_PROVIDER, Role.PROVIDER),
                    "c:Auditor", (tx, args) -> tx.caller().require(Role.AUDITOR, Role.DATA_USER)));

            TxResult provider = client(ledger).evaluate("c:Provider");
            TxResult noRole =
                    ledger.as(ids.noRole(TestIdentities.ORG1)).on("ch", "cc").evaluate("c:Provider");
            TxResult notAuditor = client(ledger).evaluate("c:Auditor");

            assertThat(provider.isSuccess()).as(provider.toString()).isTrue();
            assertThat(CanonicalJson.read(provider.payloadText(), Caller.class).msp())
                    .isEqualTo(TestIdentities.ORG1);
            assertThat(noRole.errorCode()).isEqualTo("NOT_A_PROVIDER");
            assertThat(noRole.message()).contains("no role");
            assertThat(notAuditor.errorCode()).isEqualTo("UNAUTHORIZED_ROLE");
            assertThat(notAuditor.message()).contains("fdc.role=auditor or fdc.role=data-user");
        }
    }
}
