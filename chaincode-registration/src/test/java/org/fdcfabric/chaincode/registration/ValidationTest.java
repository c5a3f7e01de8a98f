package org.fdcfabric.chaincode.registration;

import static org.fdcfabric.chaincode.registration.RegistrationLedger.assertRefused;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.draft;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.edited;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.LedgerClient;
import org.fdcfabric.chaincode.testing.StateSnapshot;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule, one bad input each, against every transaction that takes the input: the exact error
 * code, and not one byte written. A provider of the owning organisation submits, so only the input is at fault.
 */
class ValidationTest {
    private static final String DS = "org1.valid";
    private static TestIdentities ids;

    private InMemoryLedger ledger;
    private LedgerClient owner;

    @BeforeAll
    static void consortium() {
        ids = TestIdentities.create();
    }

    @BeforeEach
    void ledgerWithOneDataset() {
        ledger = RegistrationLedger.create();
        owner = ledger.as(ids.provider(TestIdentities.ORG1));
        TxResult setup = owner.submit("registration:RegisterDataset", json(draft(DS)));
        org.assertj.core.api.Assertions.assertThat(setup.isSuccess())
                .as("%s", setup)
                .isTrue();
    }

    private static Arguments bad(String rule, String code, Consumer<ObjectNode> edit) {
        return Arguments.of(rule, code, edit);
    }

    private static ArrayNode features(ObjectNode draft) {
        return (ArrayNode) draft.get("schema").get("features");
    }

    /** Each entry breaks one rule of a draft whose id is {@link #DS}, which both Register and Update read. */
    static Stream<Arguments> badDrafts() {
        return Stream.of(
                bad("id with upper case", "INVALID_DATASET_ID", d -> d.put("id", "Org1.Valid")),
                bad("id too short", "INVALID_DATASET_ID", d -> d.put("id", "ab")),
                bad("id too long", "INVALID_DATASET_ID", d -> d.put("id", "a".repeat(65))),
                bad("id with a slash", "INVALID_DATASET_ID", d -> d.put("id", "org1/valid")),
                bad("id with U+0000", "INVALID_DATASET_ID", d -> d.put("id", "org1\u0000valid")),
                bad("id missing", "INVALID_DATASET_ID", d -> d.remove("id")),
                bad("name blank", "INVALID_NAME", d -> d.put("name", "   ")),
                bad("name too long", "INVALID_NAME", d -> d.put("name", "n".repeat(129))),
                bad("name with a control character", "INVALID_NAME", d -> d.put("name", "bell\u0007")),
                bad("name with a newline", "INVALID_NAME", d -> d.put("name", "two\nlines")),
                bad("name missing", "INVALID_NAME", d -> d.remove("name")),
                bad("profile too long", "INVALID_PROFILE", d -> d.put("profile", "p".repeat(4097))),
                bad("profile with a control character", "INVALID_PROFILE", d -> d.put("profile", "esc\u001b")),
                bad("schema missing", "INVALID_SCHEMA", d -> d.remove("schema")),
                bad("no features", "INVALID_SCHEMA", d -> features(d).removeAll()),
                bad("too many features", "INVALID_SCHEMA", d -> {
                    ArrayNode features = features(d);
                    for (int i = features.size(); i <= 4096; i++) {
                        features.addObject().put("name", "extra_" + i).put("type", "NUMERIC");
                    }
                }),
                bad("duplicate feature", "INVALID_SCHEMA", d -> ((ObjectNode)
                                features(d).get(1))
                        .put("name", features(d).get(0).get("name").asText())),
                bad("feature name with a space", "INVALID_SCHEMA", d -> ((ObjectNode)
                                features(d).get(0))
                        .put("name", "bad name")),
                bad("feature without type", "INVALID_SCHEMA", d -> ((ObjectNode)
                                features(d).get(0))
                        .remove("type")),
                bad("label is also a feature", "INVALID_SCHEMA", d -> ((ObjectNode)
                                d.get("schema").get("label"))
                        .put("name", features(d).get(0).get("name").asText())),
                bad("classification with one class", "INVALID_SCHEMA", d -> ((ObjectNode)
                                d.get("schema").get("label"))
                        .putArray("classes")
                        .add("only")),
                bad("duplicate class", "INVALID_SCHEMA", d -> ((ObjectNode)
                                d.get("schema").get("label"))
                        .putArray("classes")
                        .add("a")
                        .add("a")),
                bad("regression with classes", "INVALID_SCHEMA", d -> ((ObjectNode) d.get("schema"))
                        .put("task", "REGRESSION")),
                bad("task missing", "INVALID_SCHEMA", d -> ((ObjectNode) d.get("schema")).remove("task")),
                bad("record count zero", "INVALID_RECORD_COUNT", d -> d.put("recordCount", 0)
                        .put("leafCount", 0)),
                bad("record count negative", "INVALID_RECORD_COUNT", d -> d.put("recordCount", -5)
                        .put("leafCount", -5)),
                bad("record count over the limit", "INVALID_RECORD_COUNT", d -> d.put("recordCount", 1_000_000_000_001L)
                        .put("leafCount", 1_000_000_000_001L)),
                bad("merkle root upper case", "INVALID_MERKLE_ROOT", d -> d.put("merkleRoot", "AB".repeat(32))),
                bad("merkle root too short", "INVALID_MERKLE_ROOT", d -> d.put("merkleRoot", "ab".repeat(31))),
                bad("merkle root not hex", "INVALID_MERKLE_ROOT", d -> d.put("merkleRoot", "zz".repeat(32))),
                bad("merkle root missing", "INVALID_MERKLE_ROOT", d -> d.remove("merkleRoot")),
                bad("leaf count differs from record count", "INVALID_LEAF_COUNT", d -> d.put("leafCount", 1199)),
                bad("address over plain http", "INVALID_ADDRESS", d -> d.put("address", "http://dc.example.org")),
                bad(
                        "address over grpc without tls",
                        "INVALID_ADDRESS",
                        d -> d.put("address", "grpc://dc.example.org:7443")),
                bad("address without host", "INVALID_ADDRESS", d -> d.put("address", "grpcs:///path")),
                bad(
                        "address with credentials",
                        "INVALID_ADDRESS",
                        d -> d.put("address", "https://user:pw@dc.example.org")),
                bad(
                        "address with a query",
                        "INVALID_ADDRESS",
                        d -> d.put("address", "https://dc.example.org/?token=x")),
                bad("address not a URI", "INVALID_ADDRESS", d -> d.put("address", "grpcs://dc example")),
                bad(
                        "address too long",
                        "INVALID_ADDRESS",
                        d -> d.put("address", "https://dc.example.org/" + "a".repeat(500))),
                bad("terms missing", "INVALID_TERMS", d -> d.remove("terms")),
                bad("tokens per sample negative", "INVALID_TERMS", d -> ((ObjectNode) d.get("terms"))
                        .put("tokensPerSample", -1)),
                bad("tokens per sample over the limit", "INVALID_TERMS", d -> ((ObjectNode) d.get("terms"))
                        .put("tokensPerSample", 1_000_000_001L)),
                bad("owner supplied by the client", "MALFORMED_JSON", d -> d.put("ownerMsp", "Org2MSP")),
                bad("version supplied by the client", "MALFORMED_JSON", d -> d.put("version", 7)),
                bad("status supplied by the client", "MALFORMED_JSON", d -> d.put("status", "ACTIVE")),
                bad("record count as a string", "MALFORMED_JSON", d -> d.put("recordCount", "1200")),
                bad("record count as a fraction", "MALFORMED_JSON", d -> d.put("recordCount", 1200.5)),
                bad("unknown feature type", "MALFORMED_JSON", d -> ((ObjectNode)
                                features(d).get(0))
                        .put("type", "TEXT")));
    }

    @Nested
    class RegisterDataset {
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.fdcfabric.chaincode.registration.ValidationTest#badDrafts")
        void badDraftIsRefused(String rule, String code, Consumer<ObjectNode> edit) {
            StateSnapshot before = ledger.snapshot();
            String draft = edited(draft("org1.another"), d -> {
                edit.accept(d);
            });
            assertRefused(ledger, before, owner.submit("registration:RegisterDataset", draft), code);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.fdcfabric.chaincode.registration.ValidationTest#unreadableDocuments")
        void unreadableDocumentIsRefused(String rule, String code, String document) {
            StateSnapshot before = ledger.snapshot();
            assertRefused(ledger, before, owner.submit("registration:RegisterDataset", document), code);
        }
    }

    @Nested
    class UpdateDataset {
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.fdcfabric.chaincode.registration.ValidationTest#badDrafts")
        void badDraftIsRefused(String rule, String code, Consumer<ObjectNode> edit) {
            StateSnapshot before = ledger.snapshot();
            String draft = edited(draft(DS), d -> {
                d.put("name", "an otherwise real change");
                edit.accept(d);
            });
            assertRefused(ledger, before, owner.submit("registration:UpdateDataset", draft), code);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.fdcfabric.chaincode.registration.ValidationTest#unreadableDocuments")
        void unreadableDocumentIsRefused(String rule, String code, String document) {
            StateSnapshot before = ledger.snapshot();
            assertRefused(ledger, before, owner.submit("registration:UpdateDataset", document), code);
        }
    }

    static Stream<Arguments> unreadableDocuments() {
        String valid = json(draft(DS));
        return Stream.of(
                Arguments.of("not JSON", "MALFORMED_JSON", "registration please"),
                Arguments.of("empty", "MALFORMED_JSON", ""),
                Arguments.of("JSON array", "MALFORMED_JSON", "[]"),
                Arguments.of("JSON null", "INVALID_UCL", "null"),
                Arguments.of("duplicate key", "MALFORMED_JSON", valid.replaceFirst("\\{", "{\"id\":\"" + DS + "\",")),
                Arguments.of("trailing content", "MALFORMED_JSON", valid + "{}"),
                Arguments.of(
                        "over the size limit",
                        "DRAFT_TOO_LARGE",
                        valid.replace("\"profile\":\"", "\"profile\":\"" + " ".repeat(Drafts.MAX_DRAFT_CHARS))));
    }

    /** Inputs of the other transactions: ids, versions, page sizes, bookmarks, owners, subjects. */
    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("retire: bad id", "INVALID_DATASET_ID", List.of("registration:RetireDataset", "Bad Id")),
                Arguments.of("retire: empty id", "INVALID_DATASET_ID", List.of("registration:RetireDataset", "")),
                Arguments.of("get: bad id", "INVALID_DATASET_ID", List.of("registration:GetDataset", "../etc")),
                Arguments.of(
                        "version: bad id", "INVALID_DATASET_ID", List.of("registration:GetDatasetVersion", "x", "1")),
                Arguments.of("version: zero", "INVALID_VERSION", List.of("registration:GetDatasetVersion", DS, "0")),
                Arguments.of(
                        "version: negative", "INVALID_VERSION", List.of("registration:GetDatasetVersion", DS, "-1")),
                Arguments.of("version: words", "INVALID_VERSION", List.of("registration:GetDatasetVersion", DS, "one")),
                Arguments.of(
                        "version: huge",
                        "INVALID_VERSION",
                        List.of("registration:GetDatasetVersion", DS, "99999999999")),
                Arguments.of(
                        "list: page size zero", "INVALID_PAGE_SIZE", List.of("registration:ListDatasets", "", "0", "")),
                Arguments.of(
                        "list: page size 101",
                        "INVALID_PAGE_SIZE",
                        List.of("registration:ListDatasets", "", "101", "")),
                Arguments.of(
                        "list: page size words",
                        "INVALID_PAGE_SIZE",
                        List.of("registration:ListDatasets", "", "ten", "")),
                Arguments.of(
                        "list: raw ledger key as bookmark",
                        "INVALID_BOOKMARK",
                        List.of("registration:ListDatasets", "", "10", "\u0000audit\u0000")),
                Arguments.of(
                        "list: bookmark not an id",
                        "INVALID_BOOKMARK",
                        List.of("registration:ListDatasets", "", "10", "Zzz Top")),
                Arguments.of(
                        "list: bad owner", "INVALID_MSP_ID", List.of("registration:ListDatasets", "Org 1", "10", "")),
                Arguments.of(
                        "history: bad id", "INVALID_DATASET_ID", List.of("registration:DatasetHistory", "?", "10", "")),
                Arguments.of(
                        "history: bookmark not a version",
                        "INVALID_BOOKMARK",
                        List.of("registration:DatasetHistory", DS, "10", "7")),
                Arguments.of(
                        "history: page size too big",
                        "INVALID_PAGE_SIZE",
                        List.of("registration:DatasetHistory", DS, "1000", "")),
                Arguments.of(
                        "trail: subject of another channel",
                        "INVALID_SUBJECT",
                        List.of("registration:GetTrail", "job:j-1", "10", "")),
                Arguments.of(
                        "trail: bare dataset id", "INVALID_SUBJECT", List.of("registration:GetTrail", DS, "10", "")),
                Arguments.of(
                        "trail: bookmark not a sequence",
                        "INVALID_BOOKMARK",
                        List.of("registration:GetTrail", "dataset:" + DS, "10", "1")),
                Arguments.of(
                        "verify: bad subject",
                        "INVALID_SUBJECT",
                        List.of("registration:VerifyTrail", "dataset:Not Valid")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badArgumentIsRefused(String rule, String code, List<String> call) {
        StateSnapshot before = ledger.snapshot();
        TxResult result = owner.submit(call.get(0), call.subList(1, call.size()).toArray(String[]::new));
        assertRefused(ledger, before, result, code);
    }
}
