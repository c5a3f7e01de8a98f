package org.fdcfabric.chaincode.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.assertRefused;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.draft;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.json;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.chaincode.support.Keys;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.LedgerClient;
import org.fdcfabric.chaincode.testing.StateSnapshot;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxEvent;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegistrationContractTest {
    private static final String DS = "school-1.wearables";
    private static TestIdentities ids;

    private InMemoryLedger ledger;
    private LedgerClient org1;
    private LedgerClient org2;
    private LedgerClient auditor;

    @BeforeAll
    static void consortium() {
        ids = TestIdentities.create();
    }

    @BeforeEach
    void freshLedger() {
        ledger = RegistrationLedger.create();
        org1 = ledger.as(ids.provider(TestIdentities.ORG1));
        org2 = ledger.as(ids.provider(TestIdentities.ORG2));
        auditor = ledger.as(ids.auditor());
    }

    private TxResult register(LedgerClient client, UclDraft draft) {
        return client.submit("registration:RegisterDataset", json(draft));
    }

    private static UclDraft renamed(UclDraft d, String name) {
        return new UclDraft(
                d.id(),
                name,
                d.profile(),
                d.schema(),
                d.recordCount(),
                d.merkleRoot(),
                d.leafCount(),
                d.address(),
                d.terms());
    }

    private static Ucl ucl(TxResult result) {
        assertThat(result.isSuccess()).as("%s", result).isTrue();
        return CanonicalJson.read(result.payloadText(), Ucl.class);
    }

    @Nested
    class RegisterDataset {
        @Test
        void storesVersionOneOwnedByTheCallersMspAtTheTxTime() {
            TxResult result = register(org1, draft(DS));

            Ucl stored = ucl(result);
            assertThat(stored.id()).isEqualTo(DS);
            assertThat(stored.version()).isEqualTo(1);
            assertThat(stored.ownerMsp()).isEqualTo("Org1MSP");
            assertThat(stored.createdAt()).isEqualTo(result.timestamp());
            assertThat(stored.status()).isEqualTo(UclStatus.ACTIVE);
            assertThat(stored.schema()).isEqualTo(draft(DS).schema());
            assertThat(result.committed()).isTrue();
            assertThat(ledger.state(RegistrationLedger.CHAINCODE).get(Keys.UCL, DS))
                    .contains(result.payloadText());
            assertThat(ledger.state(RegistrationLedger.CHAINCODE).get(Keys.UCL_VERSION, DS, Keys.sequence(1)))
                    .contains(result.payloadText());
            assertThat(ledger.state(RegistrationLedger.CHAINCODE).get(Keys.UCL_BY_OWNER, "Org1MSP", DS))
                    .contains("{\"datasetId\":\"" + DS + "\"}");
        }

        @Test
        void returnsCanonicalJson() {
            String payload = register(org1, draft(DS)).payloadText();
            assertThat(CanonicalJson.canonicalize(payload)).isEqualTo(payload);
        }

        @Test
        void duplicateIdIsRefusedEvenFromAnotherOrganisation() {
            register(org1, draft(DS));
            StateSnapshot before = ledger.snapshot();
            assertRefused(ledger, before, register(org1, draft(DS)), "DATASET_EXISTS");
            assertRefused(ledger, before, register(org2, renamed(draft(DS), "copy")), "DATASET_EXISTS");
        }

        @Test
        void retiredIdsAreNeverReused() {
            register(org1, draft(DS));
            org1.submit("registration:RetireDataset", DS);
            StateSnapshot before = ledger.snapshot();
            assertRefused(ledger, before, register(org1, draft(DS)), "DATASET_EXISTS");
        }

        @Test
        void ownerAndTimestampCannotBeSmuggledInTheDraft() {
            StateSnapshot before = ledger.snapshot();
            String withOwner = RegistrationLedger.edited(draft(DS), t -> t.put("ownerMsp", "Org2MSP"));
            String withTime = RegistrationLedger.edited(draft(DS), t -> t.put("createdAt", "2020-01-01T00:00:00Z"));
            assertRefused(ledger, before, org1.submit("registration:RegisterDataset", withOwner), "MALFORMED_JSON");
            assertRefused(ledger, before, org1.submit("registration:RegisterDataset", withTime), "MALFORMED_JSON");
        }

        @Test
        void emitsOneDatasetRegisteredEvent() {
            TxResult result = register(org1, draft(DS));
            TxEvent event = result.event().orElseThrow();
            assertThat(event.name()).isEqualTo("DatasetRegistered");
            JsonNode payload = CanonicalJson.tree(event.payloadText());
            assertThat(payload.get("datasetId").asText()).isEqualTo(DS);
            assertThat(payload.get("version").asInt()).isEqualTo(1);
            assertThat(payload.get("ownerMsp").asText()).isEqualTo("Org1MSP");
            assertThat(payload.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(payload.get("txId").asText()).isEqualTo(result.txId());
            assertThat(payload.get("auditSeq").asLong()).isZero();
            assertThat(CanonicalJson.canonicalize(event.payloadText())).isEqualTo(event.payloadText());
        }

        @Test
        void appendsTheFirstAuditEntry() {
            TxResult result = register(org1, draft(DS));
            AuditEntry entry = CanonicalJson.read(
                    ledger.state(RegistrationLedger.CHAINCODE)
                            .get(Keys.AUDIT, "dataset:" + DS, Keys.sequence(0))
                            .orElseThrow(),
                    AuditEntry.class);
            assertThat(entry.seq()).isZero();
            assertThat(entry.action()).isEqualTo("DatasetRegistered");
            assertThat(entry.actorMsp()).isEqualTo("Org1MSP");
            assertThat(entry.actorId()).contains("CN=provider@org1.fdc");
            assertThat(entry.txId()).isEqualTo(result.txId());
            assertThat(entry.txTime()).isEqualTo(result.timestamp());
            assertThat(entry.previousHash()).isEqualTo(AuditChain.GENESIS);
            assertThat(entry.detailsHash()).isEqualTo(Hashes.sha256Hex(result.payload()));
            assertThat(entry.hash()).isEqualTo(AuditChain.hashOf(entry));
        }
    }

    @Nested
    class UpdateDataset {
        @BeforeEach
        void registered() {
            register(org1, draft(DS));
        }

        @Test
        void publishesTheNextVersionAndKeepsTheOldOne() {
            TxResult result = org1.submit("registration:UpdateDataset", json(renamed(draft(DS), "Renamed")));

            Ucl v2 = ucl(result);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.name()).isEqualTo("Renamed");
            assertThat(v2.ownerMsp()).isEqualTo("Org1MSP");
            assertThat(v2.createdAt()).isEqualTo(result.timestamp());
            Ucl v1 = ucl(auditor.evaluate("registration:GetDatasetVersion", DS, "1"));
            assertThat(v1.name()).isEqualTo("Wearables " + DS);
            assertThat(ucl(auditor.evaluate("registration:GetDataset", DS))).isEqualTo(v2);
            assertThat(result.event().orElseThrow().name()).isEqualTo("DatasetUpdated");
        }

        @Test
        void unknownDatasetIsNotFound() {
            StateSnapshot before = ledger.snapshot();
            assertRefused(
                    ledger,
                    before,
                    org1.submit("registration:UpdateDataset", json(draft("no-such-dataset"))),
                    "DATASET_NOT_FOUND");
        }

        @Test
        void anotherOrganisationsProviderIsNotTheOwner() {
            StateSnapshot before = ledger.snapshot();
            assertRefused(
                    ledger,
                    before,
                    org2.submit("registration:UpdateDataset", json(renamed(draft(DS), "Hijacked"))),
                    "NOT_OWNER");
        }

        @Test
        void retiredDatasetTakesNoNewVersion() {
            org1.submit("registration:RetireDataset", DS);
            StateSnapshot before = ledger.snapshot();
            assertRefused(
                    ledger,
                    before,
                    org1.submit("registration:UpdateDataset", json(renamed(draft(DS), "Again"))),
                    "DATASET_RETIRED");
        }

        @Test
        void unchangedDraftIsRefused() {
            StateSnapshot before = ledger.snapshot();
            assertRefused(
                    ledger, before, org1.submit("registration:UpdateDataset", json(draft(DS))), "DATASET_UNCHANGED");
        }

        @Test
        void versionsAreCapped() {
            Ucl current = ucl(auditor.evaluate("registration:GetDataset", DS));
            Ucl atCap = new Ucl(
                    current.id(),
                    current.name(),
                    current.profile(),
                    current.schema(),
                    current.recordCount(),
                    current.merkleRoot(),
                    current.leafCount(),
                    current.address(),
                    Datasets.MAX_VERSIONS,
                    current.terms(),
                    current.ownerMsp(),
                    current.createdAt(),
                    current.status());
            ledger.state(RegistrationLedger.CHAINCODE)
                    .overwrite(
                            new org.hyperledger.fabric.shim.ledger.CompositeKey(Keys.UCL, DS).toString(),
                            CanonicalJson.write(atCap));
            StateSnapshot before = ledger.snapshot();
            assertRefused(
                    ledger,
                    before,
                    org1.submit("registration:UpdateDataset", json(renamed(draft(DS), "One too many"))),
                    "TOO_MANY_VERSIONS");
        }

        @Test
        void extendsTheAuditChain() {
            org1.submit("registration:UpdateDataset", json(renamed(draft(DS), "Renamed")));
            JsonNode trail = tree(auditor.evaluate("registration:GetTrail", "dataset:" + DS, "10", ""));
            assertThat(trail.get("entries")).hasSize(2);
            assertThat(trail.get("entries").get(1).get("previousHash"))
                    .isEqualTo(trail.get("entries").get(0).get("hash"));
            assertThat(trail.get("entries").get(1).get("action").asText()).isEqualTo("DatasetUpdated");
        }
    }

    @Nested
    class RetireDataset {
        @BeforeEach
        void registered() {
            register(org1, draft(DS));
        }

        @Test
        void marksTheCurrentVersionRetiredAndKeepsItReadable() {
            Ucl before = ucl(auditor.evaluate("registration:GetDataset", DS));
            TxResult result = org1.submit("registration:RetireDataset", DS);

            Ucl retired = ucl(result);
            assertThat(retired.status()).isEqualTo(UclStatus.RETIRED);
            assertThat(retired.version()).isEqualTo(1);
            assertThat(retired.createdAt()).isEqualTo(before.createdAt());
            assertThat(ucl(auditor.evaluate("registration:GetDataset", DS))).isEqualTo(retired);
            assertThat(ucl(auditor.evaluate("registration:GetDatasetVersion", DS, "1")))
                    .isEqualTo(retired);
            assertThat(result.event().orElseThrow().name()).isEqualTo("DatasetRetired");
        }

        @Test
        void twiceIsRefused() {
            org1.submit("registration:RetireDataset", DS);
            StateSnapshot before = ledger.snapshot();
            assertRefused(ledger, before, org1.submit("registration:RetireDataset", DS), "DATASET_RETIRED");
        }

        @Test
        void onlyTheOwner() {
            StateSnapshot before = ledger.snapshot();
            assertRefused(ledger, before, org2.submit("registration:RetireDataset", DS), "NOT_OWNER");
        }

        @Test
        void unknownDataset() {
            StateSnapshot before = ledger.snapshot();
            assertRefused(
                    ledger, before, org1.submit("registration:RetireDataset", "nothing-here"), "DATASET_NOT_FOUND");
        }
    }

    @Nested
    class GetDataset {
        @Test
        void anyoneReadsTheCurrentVersion() {
            TxResult registered = register(org1, draft(DS));
            for (LedgerClient reader :
                    List.of(auditor, org2, ledger.as(ids.dataUser()), ledger.as(ids.noRole(TestIdentities.ORG3)))) {
                assertThat(reader.evaluate("registration:GetDataset", DS).payloadText())
                        .isEqualTo(registered.payloadText());
            }
        }

        @Test
        void unknownIsNotFound() {
            TxResult result = auditor.evaluate("registration:GetDataset", "nothing-here");
            assertThat(result.errorCode()).isEqualTo("DATASET_NOT_FOUND");
            assertThat(result.message()).contains("nothing-here");
        }

        @Test
        void corruptStateIsReportedAsSuch() {
            register(org1, draft(DS));
            ledger.state(RegistrationLedger.CHAINCODE)
                    .overwrite(new org.hyperledger.fabric.shim.ledger.CompositeKey(Keys.UCL, DS).toString(), "{oops");
            assertThat(auditor.evaluate("registration:GetDataset", DS).errorCode())
                    .isEqualTo("CORRUPT_STATE");
        }
    }

    @Nested
    class GetDatasetVersion {
        @Test
        void missingVersionIsNotFound() {
            register(org1, draft(DS));
            TxResult result = auditor.evaluate("registration:GetDatasetVersion", DS, "2");
            assertThat(result.errorCode()).isEqualTo("VERSION_NOT_FOUND");
            assertThat(result.message()).contains("versions 1 to 1");
        }

        @Test
        void unknownDatasetIsNotFound() {
            assertThat(auditor.evaluate("registration:GetDatasetVersion", "nothing-here", "1")
                            .errorCode())
                    .isEqualTo("DATASET_NOT_FOUND");
        }
    }

    @Nested
    class ListDatasets {
        @BeforeEach
        void sevenDatasets() {
            for (int i = 1; i <= 4; i++) {
                register(org1, draft("org1.ds-" + i));
            }
            for (int i = 1; i <= 3; i++) {
                register(org2, draft("org2.ds-" + i));
            }
        }

        private List<String> walk(String owner, String pageSize) {
            List<String> ids = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                JsonNode page = tree(auditor.evaluate("registration:ListDatasets", owner, pageSize, bookmark));
                page.get("datasets").forEach(d -> ids.add(d.get("id").asText()));
                bookmark = page.get("bookmark").asText();
                assertThat(++pages).isLessThan(20);
            } while (!bookmark.isEmpty());
            return ids;
        }

        @Test
        void pagesThroughEveryDatasetInIdOrder() {
            assertThat(walk("", "3"))
                    .containsExactly(
                            "org1.ds-1", "org1.ds-2", "org1.ds-3", "org1.ds-4", "org2.ds-1", "org2.ds-2", "org2.ds-3");
        }

        @Test
        void bookmarkIsTheNextDatasetId() {
            JsonNode page = tree(auditor.evaluate("registration:ListDatasets", "", "2", ""));
            assertThat(page.get("datasets")).hasSize(2);
            assertThat(page.get("bookmark").asText()).isEqualTo("org1.ds-3");
        }

        @Test
        void filtersByOwner() {
            assertThat(walk("Org2MSP", "2")).containsExactly("org2.ds-1", "org2.ds-2", "org2.ds-3");
            assertThat(walk("Org3MSP", "2")).isEmpty();
        }

        @Test
        void listsCurrentVersionsIncludingRetired() {
            org1.submit("registration:RetireDataset", "org1.ds-2");
            JsonNode page = tree(auditor.evaluate("registration:ListDatasets", "Org1MSP", "10", ""));
            assertThat(page.get("datasets").get(1).get("status").asText()).isEqualTo("RETIRED");
            assertThat(page.get("bookmark").asText()).isEmpty();
        }
    }

    @Nested
    class DatasetHistory {
        @Test
        void everyVersionOldestFirstInPages() {
            register(org1, draft(DS));
            for (int v = 2; v <= 5; v++) {
                org1.submit("registration:UpdateDataset", json(renamed(draft(DS), "Version " + v)));
            }
            JsonNode first = tree(auditor.evaluate("registration:DatasetHistory", DS, "3", ""));
            assertThat(first.get("versions"))
                    .extracting(v -> v.get("version").asInt())
                    .containsExactly(1, 2, 3);
            assertThat(first.get("bookmark").asText()).isEqualTo(Keys.sequence(4));
            JsonNode second = tree(auditor.evaluate("registration:DatasetHistory", DS, "3", Keys.sequence(4)));
            assertThat(second.get("versions"))
                    .extracting(v -> v.get("name").asText())
                    .containsExactly("Version 4", "Version 5");
            assertThat(second.get("bookmark").asText()).isEmpty();
        }

        @Test
        void unknownDatasetIsNotFound() {
            assertThat(auditor.evaluate("registration:DatasetHistory", "nothing-here", "10", "")
                            .errorCode())
                    .isEqualTo("DATASET_NOT_FOUND");
        }
    }

    @Nested
    class AuditTrails {
        @BeforeEach
        void threeChanges() {
            register(org1, draft(DS));
            org1.submit("registration:UpdateDataset", json(renamed(draft(DS), "Second")));
            org1.submit("registration:RetireDataset", DS);
        }

        @Test
        void getTrailPagesInSequenceOrder() {
            JsonNode first = tree(auditor.evaluate("registration:GetTrail", "dataset:" + DS, "2", ""));
            assertThat(first.get("subject").asText()).isEqualTo("dataset:" + DS);
            assertThat(first.get("entries"))
                    .extracting(e -> e.get("action").asText())
                    .containsExactly("DatasetRegistered", "DatasetUpdated");
            JsonNode second = tree(auditor.evaluate(
                    "registration:GetTrail",
                    "dataset:" + DS,
                    "2",
                    first.get("bookmark").asText()));
            assertThat(second.get("entries"))
                    .extracting(e -> e.get("action").asText())
                    .containsExactly("DatasetRetired");
            assertThat(second.get("bookmark").asText()).isEmpty();
        }

        @Test
        void failedTransactionsLeaveNoEntry() {
            org2.submit("registration:RetireDataset", DS);
            JsonNode trail = tree(auditor.evaluate("registration:GetTrail", "dataset:" + DS, "10", ""));
            assertThat(trail.get("entries")).hasSize(3);
        }

        @Test
        void anUntouchedTrailVerifies() {
            JsonNode verdict = tree(auditor.evaluate("registration:VerifyTrail", "dataset:" + DS));
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("entries").asLong()).isEqualTo(3);
            assertThat(verdict.has("firstBreak")).isFalse();
            JsonNode trail = tree(auditor.evaluate("registration:GetTrail", "dataset:" + DS, "10", ""));
            assertThat(verdict.get("headHash"))
                    .isEqualTo(trail.get("entries").get(2).get("hash"));
        }

        @Test
        void alteredEntryIsCaught() {
            String key = new org.hyperledger.fabric.shim.ledger.CompositeKey(
                            Keys.AUDIT, "dataset:" + DS, Keys.sequence(1))
                    .toString();
            String original =
                    ledger.state(RegistrationLedger.CHAINCODE).get(key).orElseThrow();
            ledger.state(RegistrationLedger.CHAINCODE).overwrite(key, original.replace("Org1MSP", "Org2MSP"));
            JsonNode verdict = tree(auditor.evaluate("registration:VerifyTrail", "dataset:" + DS));
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("firstBreak").get("seq").asLong()).isEqualTo(1);
        }

        @Test
        void truncatedTrailIsCaughtByTheHead() {
            String key = new org.hyperledger.fabric.shim.ledger.CompositeKey(
                            Keys.AUDIT, "dataset:" + DS, Keys.sequence(2))
                    .toString();
            ledger.state(RegistrationLedger.CHAINCODE).overwrite(key, null);
            JsonNode verdict = tree(auditor.evaluate("registration:VerifyTrail", "dataset:" + DS));
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("firstBreak").get("reason").asText()).contains("head");
        }

        @Test
        void unknownSubjectIsAnEmptyValidTrailWithoutHead() {
            JsonNode verdict = tree(auditor.evaluate("registration:VerifyTrail", "dataset:never-registered"));
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("entries").asLong()).isZero();
            assertThat(verdict.has("headHash")).isFalse();
        }

        @Test
        void detailsHashMatchesTheRecordWritten() {
            JsonNode trail = tree(auditor.evaluate("registration:GetTrail", "dataset:" + DS, "10", ""));
            String retired = auditor.evaluate("registration:GetDataset", DS).payloadText();
            assertThat(trail.get("entries").get(2).get("detailsHash").asText())
                    .isEqualTo(Hashes.sha256Hex(retired.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Nested
    class Timestamps {
        @Test
        void createdAtIsTheTransactionTimestampNotTheClientsClaim() {
            Instant txTime = Instant.parse("2026-03-04T05:06:07.123456789Z");
            Ucl stored = ucl(org1.at(txTime).submit("registration:RegisterDataset", json(draft(DS))));
            assertThat(stored.createdAt()).isEqualTo(txTime);
            Ucl later = ucl(org1.at(txTime.plusSeconds(60))
                    .submit(
                            "registration:UpdateDataset",
                            json(new UclDraft(
                                    DS,
                                    "n",
                                    "p",
                                    draft(DS).schema(),
                                    5,
                                    Hashes.sha256Hex(new byte[1]),
                                    5,
                                    "https://dc.example.org",
                                    new Terms(0)))));
            assertThat(later.createdAt()).isEqualTo(txTime.plusSeconds(60));
        }
    }
}
