package org.fdcfabric.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ErrorRenderer;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.datacenter.governance.DatasetRecord;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.datacenter.ucl.InMemoryUclRegistry;
import org.fdcfabric.datacenter.ucl.RecordProof;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetCommandsTest {
    @TempDir
    Path dir;

    private final InMemoryUclRegistry.Ledger ledger = new InMemoryUclRegistry.Ledger(Clock.systemUTC());
    private Path passwordFile;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void password() throws Exception {
        passwordFile = dir.resolve("keystore-password");
        Files.writeString(passwordFile, "correct horse battery staple\n");
    }

    /** Runs {@code fdc dataset <args>} as organisation {@code msp}; returns the exit code. */
    private int run(String msp, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli =
                CenterDatasetCommands.create(options -> UclRegistryProvider.RegistrySession.of(ledger.as(msp)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new ErrorRenderer(new PrintWriter(err, true)));
        return cli.execute(args);
    }

    private String[] center(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.resolve("center").toString();
        all[args.length + 2] = "--keystore-password-file";
        all[args.length + 3] = passwordFile.toString();
        return all;
    }

    /** Publishes stream school-a as dataset kg-a with {@code extra} options; returns the exit code. */
    private int publish(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "publish",
                "--dataset",
                "kg-a",
                "--stream",
                "school-a",
                "--name",
                "Kindergarten A",
                "--address",
                "grpcs://dc-a.example:7443"));
        args.addAll(List.of(extra));
        return run("Org1MSP", center(args.toArray(String[]::new)));
    }

    private void publishSimulatedSchool() {
        assertThat(run("Org1MSP", center("simulate", "--stream", "school-a", "--subjects", "1", "--seed", "3")))
                .as(err.toString())
                .isZero();
        assertThat(publish("--report", dir.resolve("report.json").toString()))
                .as(err.toString())
                .isZero();
    }

    @Nested
    class Publish {
        @Test
        void registersTheDatasetAndPrintsEveryGovernanceStep() throws Exception {
            publishSimulatedSchool();

            var ucl = ledger.as("Org1MSP").find("kg-a").orElseThrow();
            assertThat(out.toString())
                    .contains("published kg-a version 1: " + ucl.recordCount() + " records, merkle root "
                            + ucl.merkleRoot())
                    .contains("cleaning", "desensitization", "labelling", "windowing", "standardization");
            assertThat(Files.readString(dir.resolve("report.json"))).contains("\"datasetId\":\"kg-a\"");
            assertThat(out.toString()).doesNotContain("{}").doesNotContain("{=");
        }

        @Test
        void withJsonPrintsTheUclAndTheGovernanceRecordTyped() throws Exception {
            assertThat(run("Org1MSP", center("simulate", "--stream", "school-a", "--subjects", "1", "--json")))
                    .as(err.toString())
                    .isZero();
            var simulated = CanonicalJson.tree(out.toString().strip());
            assertThat(simulated.get("stream").asText()).isEqualTo("school-a");
            assertThat(simulated.get("readings").isInt()).isTrue();
            assertThat(simulated.get("children").asInt()).isEqualTo(1);

            assertThat(publish("--json")).as(err.toString()).isZero();

            var published = CanonicalJson.tree(out.toString().strip());
            var ucl = ledger.as("Org1MSP").find("kg-a").orElseThrow();
            assertThat(published.get("ucl").get("recordCount").isNumber()).isTrue();
            assertThat(published.get("ucl").get("recordCount").asLong()).isEqualTo(ucl.recordCount());
            assertThat(published.get("ucl").get("merkleRoot").asText()).isEqualTo(ucl.merkleRoot());
            var steps = published.get("governance").get("steps");
            assertThat(steps).hasSizeGreaterThanOrEqualTo(5);
            steps.forEach(step -> {
                assertThat(step.get("kept").isNumber()).isTrue();
                assertThat(step.get("dropped").isNumber()).isTrue();
                assertThat(step.get("droppedBy").isObject()).isTrue();
            });
        }
    }

    @Nested
    class ProveAndVerify {
        @Test
        void aProvedRecordVerifiesFromAnotherOrganisation() {
            publishSimulatedSchool();
            Path proof = dir.resolve("proof.json");
            assertThat(run("Org1MSP", center("prove", "kg-a", "5", "--out", proof.toString())))
                    .as(err.toString())
                    .isZero();

            assertThat(run("Org2MSP", "verify", proof.toString())).isZero();
            assertThat(out.toString()).startsWith("VALID: record 5 is in kg-a version 1 (owner Org1MSP");
        }

        @Test
        void aTamperedRecordIsReportedInvalidAsNotVerified() throws Exception {
            publishSimulatedSchool();
            Path proofFile = dir.resolve("proof.json");
            run("Org1MSP", center("prove", "kg-a", "2", "--out", proofFile.toString()));
            RecordProof proof = CanonicalJson.read(Files.readString(proofFile), RecordProof.class);
            DatasetRecord record = DatasetRecord.fromCanonical(proof.recordBytes());
            DatasetRecord forged =
                    new DatasetRecord(record.subject(), record.start() + 60, record.label(), record.features());
            Files.writeString(
                    proofFile,
                    CanonicalJson.write(new RecordProof(
                            proof.datasetId(),
                            new String(forged.canonicalBytes()),
                            proof.proof(),
                            proof.merkleRoot())));

            assertThat(run("Org2MSP", "verify", proofFile.toString())).isEqualTo(ExitCodes.NOT_VERIFIED);
            assertThat(out.toString()).startsWith("INVALID: record 2 is not proved to be in kg-a version 1");
            assertThat(err.toString()).contains("does not verify").doesNotContain("internal error");

            assertThat(run("Org2MSP", "verify", proofFile.toString(), "--json")).isEqualTo(ExitCodes.NOT_VERIFIED);
            var verdict = CanonicalJson.tree(out.toString().strip());
            assertThat(verdict.get("valid").isBoolean()).isTrue();
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("recordIndex").isNumber()).isTrue();
            assertThat(verdict.get("recordIndex").asLong()).isEqualTo(2);
            assertThat(CanonicalJson.tree(err.toString().strip())
                            .get("error")
                            .get("exitCode")
                            .asInt())
                    .isEqualTo(ExitCodes.NOT_VERIFIED);
        }

        @Test
        void verifyJsonIsTypedAndAnUnregisteredDatasetIsNotFound() throws Exception {
            publishSimulatedSchool();
            Path proofFile = dir.resolve("proof.json");
            run("Org1MSP", center("prove", "kg-a", "4", "--out", proofFile.toString(), "--json"));
            var written = CanonicalJson.tree(out.toString().strip());
            assertThat(written.get("recordIndex").asLong()).isEqualTo(4);
            assertThat(written.get("file").asText()).isEqualTo(proofFile.toString());

            assertThat(run("Org2MSP", "verify", proofFile.toString(), "--json")).isZero();
            var verdict = CanonicalJson.tree(out.toString().strip());
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("version").isInt()).isTrue();
            assertThat(verdict.get("datasetId").asText()).isEqualTo("kg-a");
            assertThat(verdict.get("rootOnChain").asText())
                    .isEqualTo(verdict.get("proofRoot").asText());

            RecordProof proof = CanonicalJson.read(Files.readString(proofFile), RecordProof.class);
            Files.writeString(
                    proofFile,
                    CanonicalJson.write(new RecordProof("kg-z", proof.record(), proof.proof(), proof.merkleRoot())));
            assertThat(run("Org2MSP", "verify", proofFile.toString())).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(err.toString()).contains("kg-z is not registered");
        }

        @Test
        void anUnreadableProofIsInvalidInput() throws Exception {
            Path proofFile = dir.resolve("proof.json");
            Files.writeString(proofFile, "{not json");
            assertThat(run("Org2MSP", "verify", proofFile.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run("Org2MSP", "verify", dir.resolve("absent.json").toString()))
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(err.toString()).contains("does not exist");
        }

        @Test
        void provingAnIndexOutsideTheDatasetIsAClearError() {
            publishSimulatedSchool();
            assertThat(run("Org1MSP", center("prove", "kg-a", "100000"))).isNotZero();
            assertThat(err.toString()).contains("INVALID_RECORD_INDEX");
        }
    }

    @Nested
    class ImportCsv {
        @Test
        void printsEachDroppedLine() throws Exception {
            Path csv = dir.resolve("ward.csv");
            Files.writeString(csv, "time,child,ax,ay,az\n1567555200,kid,0.1,0.2,0.9\n1567555201,kid,0.1\n");
            Path schema = dir.resolve("schema.json");
            Files.writeString(schema, """
                    {"stream": "ward-7", "sensor": "FDC_WEARABLE",
                     "timestamp": {"column": "time", "format": "EPOCH_SECONDS"},
                     "subject": "child", "channels": {"x": "ax", "y": "ay", "z": "az"}}
                    """);
            assertThat(run("Org1MSP", center("import-csv", "--csv", csv.toString(), "--schema", schema.toString())))
                    .as(err.toString())
                    .isZero();
            assertThat(out.toString())
                    .contains("stream ward-7: 2 rows read, 1 stored, 1 dropped")
                    .contains("line 3: 3 fields where the header has 5 (MALFORMED)");
        }

        @Test
        void withJsonPrintsTheImportReport() throws Exception {
            Path csv = dir.resolve("ward.csv");
            Files.writeString(csv, "time,child,ax,ay,az\n1567555200,kid,0.1,0.2,0.9\n1567555201,kid,0.1\n");
            Path schema = dir.resolve("schema.json");
            Files.writeString(schema, """
                    {"stream": "ward-7", "sensor": "FDC_WEARABLE",
                     "timestamp": {"column": "time", "format": "EPOCH_SECONDS"},
                     "subject": "child", "channels": {"x": "ax", "y": "ay", "z": "az"}}
                    """);
            assertThat(run(
                            "Org1MSP",
                            center("import-csv", "--csv", csv.toString(), "--schema", schema.toString(), "--json")))
                    .as(err.toString())
                    .isZero();
            var imported = CanonicalJson.tree(out.toString().strip());
            assertThat(imported.get("report").get("rowsRead").asLong()).isEqualTo(2);
            assertThat(imported.get("report").get("rowsStored").isNumber()).isTrue();
            assertThat(imported.get("cipherEngine").isTextual()).isTrue();
        }

        @Test
        void simulatingAStreamThatExistsIsAConflictAndKeepsTheStream() throws Exception {
            assertThat(run("Org1MSP", center("simulate", "--stream", "school-a", "--subjects", "1", "--json")))
                    .as(err.toString())
                    .isZero();
            long readings =
                    CanonicalJson.tree(out.toString().strip()).get("readings").asLong();

            int code = run("Org1MSP", center("simulate", "--stream", "school-a", "--subjects", "1"));

            assertThat(code).isEqualTo(ExitCodes.CONFLICT);
            assertThat(err.toString())
                    .contains("stream school-a already exists")
                    .doesNotContain("internal error");
            try (CenterStore store = CenterStore.open(
                    StoreConfig.embedded(dir.resolve("center")),
                    Files.readString(passwordFile).strip().toCharArray())) {
                assertThat(store.readings().count("school-a")).isEqualTo(readings);
            }
        }

        @Test
        void aMissingKeystorePasswordIsAClearError() {
            int code = run(
                    "Org1MSP",
                    "simulate",
                    "--stream",
                    "s",
                    "--data-dir",
                    dir.resolve("c").toString(),
                    "--keystore-password-file",
                    dir.resolve("absent").toString());
            assertThat(code).isEqualTo(ExitCodes.SECRET_MISSING);
            assertThat(err.toString())
                    .contains("cannot read the keystore password file")
                    .doesNotContain("internal error");
        }

        @Test
        void anUnsetPasswordVariableIsAMissingSecret() {
            CenterOptions options = new CenterOptions(Map.of());
            options.dataDir = dir.resolve("c");

            assertThatThrownBy(options::open)
                    .isInstanceOfSatisfying(
                            CommandFailed.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.SECRET_MISSING))
                    .hasMessage("environment variable FDC_KEYSTORE_PASSWORD is not set");
            assertThat(options.dataDir).doesNotExist();
        }
    }
}
