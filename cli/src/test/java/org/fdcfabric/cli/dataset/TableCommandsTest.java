package org.fdcfabric.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.fdcfabric.cli.ErrorRenderer;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.store.StoreConfig;
import org.fdcfabric.datacenter.ucl.InMemoryUclRegistry;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fdc dataset schema infer}, {@code import-table} and publishing a table, against a real center store. */
class TableCommandsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private final InMemoryUclRegistry.Ledger ledger = new InMemoryUclRegistry.Ledger(Clock.systemUTC());
    private Path passwordFile;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void password() throws Exception {
        passwordFile = Files.writeString(dir.resolve("keystore-password"), PASSWORD + "\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli =
                CenterDatasetCommands.create(options -> UclRegistryProvider.RegistrySession.of(ledger.as("Org1MSP")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new ErrorRenderer(new PrintWriter(err, true)));
        return cli.execute(args);
    }

    /** A schema of one numeric feature, age, and the label outcome (home or admitted). */
    private Path ageAndOutcomeSchema() throws java.io.IOException {
        return Files.writeString(
                dir.resolve("schema.json"),
                "{\"features\":[{\"name\":\"age\",\"type\":\"NUMERIC\"}],"
                        + "\"label\":{\"name\":\"outcome\",\"classes\":[\"home\",\"admitted\"]},"
                        + "\"task\":\"CLASSIFICATION\"}");
    }

    private String[] importTable(Path csv, Path schema) {
        return new String[] {
            "import-table",
            "--dataset",
            "ward-stays",
            "--csv",
            csv.toString(),
            "--schema",
            schema.toString(),
            "--delimiter",
            "semicolon",
            "--data-dir",
            dir.resolve("center").toString(),
            "--keystore-password-file",
            passwordFile.toString()
        };
    }

    @Test
    void inferImportAndPublishATable() throws Exception {
        Path csv = Files.writeString(
                dir.resolve("stays.csv"),
                "stay id;age;ward;outcome\ns1;41;south;home\ns2;;north;admitted\ns3;7.5;south;home\n");
        assertThat(run("schema", "infer", csv.toString(), "--label", "outcome", "--delimiter", ";"))
                .as(err.toString())
                .isZero();
        Path schemaFile = Files.writeString(dir.resolve("schema.json"), out.toString());
        UclSchema schema = CanonicalJson.read(out.toString(), UclSchema.class);
        assertThat(schema.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(err.toString()).contains("3 rows scanned: 2 features", "column 'stay id' left out");

        assertThat(run(importTable(csv, schemaFile))).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("table ward-stays: 3 rows from stays.csv")
                .contains("columns not in the schema, not stored: stay id");

        assertThat(run(
                        "publish",
                        "--dataset",
                        "ward-stays",
                        "--name",
                        "Ward stays",
                        "--address",
                        "grpcs://dc-a.example:7443",
                        "--data-dir",
                        dir.resolve("center").toString(),
                        "--keystore-password-file",
                        passwordFile.toString()))
                .as(err.toString())
                .isZero();
        Ucl ucl = ledger.as("Org1MSP").find("ward-stays").orElseThrow();
        assertThat(ucl.recordCount()).isEqualTo(3);
        assertThat(ucl.schema()).isEqualTo(schema);
        try (CenterStore store =
                CenterStore.open(StoreConfig.embedded(dir.resolve("center")), PASSWORD.toCharArray())) {
            assertThat(ucl.merkleRoot())
                    .isEqualTo(
                            store.tables().manifest("ward-stays").orElseThrow().merkleRoot());
        }
    }

    @Test
    void importTablePrintsTypedJson() throws Exception {
        Path schemaFile = ageAndOutcomeSchema();
        Path csv = Files.writeString(dir.resolve("stays.csv"), "age;ward;outcome\n41;south;home\n7;north;admitted\n");
        String[] args = importTable(csv, schemaFile);
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";

        assertThat(run(withJson)).as(err.toString()).isZero();

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.get("datasetId").asText()).isEqualTo("ward-stays");
        assertThat(json.get("rows").isIntegralNumber()).isTrue();
        assertThat(json.get("rows").asLong()).isEqualTo(2);
        assertThat(json.get("merkleRoot").asText()).matches("[0-9a-f]{64}");
        assertThat(json.get("source").asText()).isEqualTo("stays.csv");
        assertThat(json.get("ignoredColumns").get(0).asText()).isEqualTo("ward");
        assertThat(json.get("seconds").isIntegralNumber()).isTrue();
        assertThat(json.get("rowsPerSecond").isIntegralNumber()).isTrue();
        assertThat(json.get("cipherEngine").asText()).isNotBlank();
        assertThat(out.toString().lines()).hasSize(1);
    }

    @Test
    void aRefusedFileExitsThreeNamingTheLinesAndStoresNothing() throws Exception {
        Path schemaFile = ageAndOutcomeSchema();
        Path csv = Files.writeString(dir.resolve("bad.csv"), "age;outcome\n1;home\n;home\nx;died\n");
        assertThat(run(importTable(csv, schemaFile))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString())
                .contains("REFUSED_ROWS: ")
                .contains("nothing was stored: 2 of 3 rows refused: line 3: column 'age' is missing");

        assertThat(run(importTable(dir.resolve("absent.csv"), schemaFile))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("NO_SUCH_FILE").doesNotContain("internal error");

        Path noLabel = Files.writeString(dir.resolve("nolabel.json"), "{\"features\":[],\"task\":\"REGRESSION\"}");
        assertThat(run(importTable(csv, noLabel))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("INVALID_SCHEMA");

        try (CenterStore store =
                CenterStore.open(StoreConfig.embedded(dir.resolve("center")), PASSWORD.toCharArray())) {
            assertThat(store.tables().tableIds()).isEmpty();
        }
    }
}
