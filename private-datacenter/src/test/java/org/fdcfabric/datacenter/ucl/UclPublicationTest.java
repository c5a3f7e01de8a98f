package org.fdcfabric.datacenter.ucl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.datacenter.governance.DatasetRecord;
import org.fdcfabric.datacenter.governance.GovernanceInput;
import org.fdcfabric.datacenter.governance.GovernancePipeline;
import org.fdcfabric.datacenter.governance.GovernedDataset;
import org.fdcfabric.datacenter.governance.Pseudonymizer;
import org.fdcfabric.datacenter.governance.ReadingCleaner;
import org.fdcfabric.datacenter.governance.Windower;
import org.fdcfabric.datacenter.simulator.SchoolProfile;
import org.fdcfabric.datacenter.simulator.WearableSimulator;
import org.fdcfabric.datacenter.store.DatasetStore;
import org.fdcfabric.datacenter.store.TestCenter;
import org.fdcfabric.datacenter.store.imports.ActivityLogs;
import org.fdcfabric.datacenter.store.imports.SimulatorImport;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.LedgerRefusal;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.merkle.MerkleProof;
import org.fdcfabric.protocol.merkle.MerkleTree;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.Ucl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UclPublicationTest {
    @TempDir
    Path dir;

    private TestCenter center;
    private DatasetStore datasets;
    private final InMemoryUclRegistry registry =
            new InMemoryUclRegistry("Org1MSP", Clock.fixed(Instant.parse("2026-11-22T05:00:00Z"), ZoneOffset.UTC));
    private static final Publication PUBLICATION = new Publication(
            "Kindergarten A activity",
            "children's wrist acceleration, 60 s windows",
            "grpcs://dc-a.example:7443",
            new Terms(2));

    @BeforeEach
    void open() {
        center = new TestCenter(dir);
        datasets = new DatasetStore(center.database);
    }

    @AfterEach
    void close() {
        center.close();
    }

    private GovernedDataset governed(int subjects) {
        var school = new WearableSimulator(5).simulate(new SchoolProfile("school-a", subjects, 1, 1.0, 0, 1.0, 120));
        new SimulatorImport(center.readings, new ActivityLogs(center.readings)).importSchool("school-a", school);
        var stream = center.readings.stream("school-a").orElseThrow();
        return new GovernancePipeline(
                        new ReadingCleaner(), new Pseudonymizer(center.keys.pseudonymKey()), Windower.fdc())
                .govern(
                        "kg-a-activity",
                        List.of(new GovernanceInput(
                                stream,
                                center.readings.read("school-a"),
                                new ActivityLogs(center.readings).get("school-a"),
                                Optional.empty())));
    }

    private DatasetPublisher publisher() {
        return new DatasetPublisher(datasets, registry, new UclGenerator());
    }

    @Nested
    class Publish {
        @Test
        void registersTheRootOfTheStoredCanonicalRecords() {
            GovernedDataset dataset = governed(1);
            Ucl ucl = publisher().publish(dataset, PUBLICATION);

            List<byte[]> stored = datasets.records("kg-a-activity");
            assertThat(ucl.version()).isEqualTo(1);
            assertThat(ucl.ownerMsp()).isEqualTo("Org1MSP");
            assertThat(ucl.recordCount()).isEqualTo(dataset.records().size()).isEqualTo(stored.size());
            assertThat(ucl.merkleRoot()).isEqualTo(MerkleTree.of(stored).rootHex());
            assertThat(ucl.schema().features()).hasSize(180);
            assertThat(ucl.schema().label().classes()).containsExactly("eating", "sleeping", "indoor", "outdoor");
            DatasetManifest manifest =
                    CanonicalJson.read(datasets.manifest("kg-a-activity").orElseThrow(), DatasetManifest.class);
            assertThat(manifest.merkleRoot()).isEqualTo(ucl.merkleRoot());
            assertThat(manifest.standardization().features()).hasSize(180);
        }

        @Test
        void publishingChangedDataRegistersANewVersion() {
            Ucl first = publisher().publish(governed(1), PUBLICATION);
            GovernedDataset bigger = governedAgain();
            Ucl second = publisher().publish(bigger, PUBLICATION);

            assertThat(second.version()).isEqualTo(2);
            assertThat(second.merkleRoot()).isNotEqualTo(first.merkleRoot());
            assertThat(registry.history("kg-a-activity")).hasSize(2);
        }

        private GovernedDataset governedAgain() {
            var school = new WearableSimulator(6).simulate(new SchoolProfile("school-b", 1, 1, 1.1, 5, 1.0, 100));
            new SimulatorImport(center.readings, new ActivityLogs(center.readings)).importSchool("school-b", school);
            var a = center.readings.stream("school-a").orElseThrow();
            var b = center.readings.stream("school-b").orElseThrow();
            ActivityLogs logs = new ActivityLogs(center.readings);
            return new GovernancePipeline(
                            new ReadingCleaner(), new Pseudonymizer(center.keys.pseudonymKey()), Windower.fdc())
                    .govern(
                            "kg-a-activity",
                            List.of(
                                    new GovernanceInput(
                                            a,
                                            center.readings.read("school-a"),
                                            logs.get("school-a"),
                                            Optional.empty()),
                                    new GovernanceInput(
                                            b,
                                            center.readings.read("school-b"),
                                            logs.get("school-b"),
                                            Optional.empty())));
        }

        @Test
        void anInvalidDraftIsRefusedAndNothingIsRegistered() {
            Publication plainHttp = new Publication("n", "p", "http://dc-a.example", new Terms(1));
            assertThatThrownBy(() -> publisher().publish(governed(1), plainHttp))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).code())
                    .isEqualTo("INVALID_ADDRESS");
            assertThat(registry.find("kg-a-activity")).isEmpty();
        }

        @Test
        void anotherOwnerCannotUpdate() {
            var ledger = new InMemoryUclRegistry.Ledger(Clock.systemUTC());
            GovernedDataset dataset = governed(1);
            new DatasetPublisher(datasets, ledger.as("Org2MSP"), new UclGenerator()).publish(dataset, PUBLICATION);

            assertThatThrownBy(() -> new DatasetPublisher(datasets, ledger.as("Org1MSP"), new UclGenerator())
                            .publish(dataset, PUBLICATION))
                    .isInstanceOf(LedgerRefusal.class)
                    .hasMessageContaining("NOT_OWNER");
            assertThat(ledger.history("kg-a-activity")).hasSize(1);
        }
    }

    @Nested
    class Prove {
        @Test
        void everyProvedRecordVerifiesAgainstTheRegisteredRoot() {
            Ucl ucl = publisher().publish(governed(1), PUBLICATION);
            DatasetProofs proofs = new DatasetProofs(datasets);
            for (long index : new long[] {0, 1, ucl.recordCount() / 2, ucl.recordCount() - 1}) {
                RecordProof proof = proofs.prove("kg-a-activity", index);
                assertThat(DatasetProofs.verify(proof.recordBytes(), proof.proof(), ucl.merkleRoot()))
                        .as("record %d", index)
                        .isTrue();
                assertThat(DatasetRecord.fromCanonical(proof.recordBytes()).features())
                        .hasSize(180);
            }
        }

        @Test
        void aChangedRecordOrIndexOrRootFailsVerification() {
            Ucl ucl = publisher().publish(governed(1), PUBLICATION);
            RecordProof proof = new DatasetProofs(datasets).prove("kg-a-activity", 3);

            DatasetRecord original = DatasetRecord.fromCanonical(proof.recordBytes());
            DatasetRecord relabelled = new DatasetRecord(
                    original.subject(),
                    original.start(),
                    original.label().equals("eating") ? "sleeping" : "eating",
                    original.features());
            assertThat(DatasetProofs.verify(relabelled.canonicalBytes(), proof.proof(), ucl.merkleRoot()))
                    .isFalse();

            MerkleProof shifted =
                    new MerkleProof(4, proof.proof().leafCount(), proof.proof().siblings());
            assertThat(DatasetProofs.verify(proof.recordBytes(), shifted, ucl.merkleRoot()))
                    .isFalse();

            String otherRoot =
                    MerkleTree.of(List.of("x".getBytes(StandardCharsets.UTF_8))).rootHex();
            assertThat(DatasetProofs.verify(proof.recordBytes(), proof.proof(), otherRoot))
                    .isFalse();
        }

        @Test
        void unknownDatasetAndIndexOutsideAreClearErrors() {
            Ucl ucl = publisher().publish(governed(1), PUBLICATION);
            DatasetProofs proofs = new DatasetProofs(datasets);
            assertThatThrownBy(() -> proofs.prove("nope", 0)).hasMessageContaining("DATASET_NOT_FOUND");
            assertThatThrownBy(() -> proofs.prove("kg-a-activity", ucl.recordCount()))
                    .hasMessageContaining("INVALID_RECORD_INDEX");
        }
    }
}
