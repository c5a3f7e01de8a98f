package org.fdcfabric.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobCommandsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    @TempDir
    Path dir;

    private final CommandLine fdc = Fdc.commandLine(new CliContext(
            Connector.gateway(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new SecureRandom()));

    private JobCommands.Create create(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "job";
        full[1] = "create";
        System.arraycopy(args, 0, full, 2, args.length);
        return (JobCommands.Create)
                fdc.parseArgs(full).subcommand().subcommand().commandSpec().userObject();
    }

    private static final JobOffer OFFER = new JobOffer(
            "job-1",
            List.of("ds-one", "ds-two"),
            "activity recognition",
            2,
            1000,
            50,
            "ComputeMSP",
            new ModelSpec(
                    "logistic",
                    Map.of(
                            "learningRate", "0.1",
                            "localEpochs", "1",
                            "batchSize", "32",
                            "roundDeadlineMillis", "600000",
                            "seed", "7")),
            5,
            NOW.plusSeconds(2 * 86400));

    @Nested
    class Create {
        @Test
        void buildsTheOfferFromOptions() {
            JobCommands.Create command = create(
                    "--id",
                    "job-1",
                    "--dataset",
                    "ds-one",
                    "--dataset",
                    "ds-two",
                    "--purpose",
                    "activity recognition",
                    "--tokens-per-sample",
                    "2",
                    "--provider-cap",
                    "1000",
                    "--compute-fee",
                    "50",
                    "--compute-msp",
                    "ComputeMSP",
                    "--param",
                    "learningRate=0.1",
                    "--param",
                    "localEpochs=1",
                    "--param",
                    "batchSize=32",
                    "--param",
                    "roundDeadlineMillis=600000",
                    "--param",
                    "seed=7",
                    "--rounds",
                    "5",
                    "--deadline",
                    "2d");

            assertThat(command.offer()).isEqualTo(OFFER);
        }

        @Test
        void anOfferTheComputeNodeCannotTrainIsRefused() throws Exception {
            JobOffer unknownFamily = new JobOffer(
                    OFFER.jobId(),
                    OFFER.datasetIds(),
                    OFFER.purpose(),
                    OFFER.tokensPerSample(),
                    OFFER.providerCap(),
                    OFFER.computeFee(),
                    OFFER.computeMsp(),
                    new ModelSpec("logistic-regression", OFFER.model().hyperparameters()),
                    OFFER.rounds(),
                    OFFER.deadline());
            Path file = Files.writeString(dir.resolve("family.json"), CanonicalJson.write(unknownFamily));
            assertThatThrownBy(() -> create("--file", file.toString()).offer())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("unknown model family 'logistic-regression'")
                    .extracting(e -> ((InvalidInputException) e).code())
                    .isEqualTo("INVALID_JOB");

            Map<String, String> noSeed = new java.util.TreeMap<>(OFFER.model().hyperparameters());
            noSeed.remove("seed");
            JobOffer missingTerm = new JobOffer(
                    OFFER.jobId(),
                    OFFER.datasetIds(),
                    OFFER.purpose(),
                    OFFER.tokensPerSample(),
                    OFFER.providerCap(),
                    OFFER.computeFee(),
                    OFFER.computeMsp(),
                    new ModelSpec("logistic", noSeed),
                    OFFER.rounds(),
                    OFFER.deadline());
            Path second = Files.writeString(dir.resolve("seed.json"), CanonicalJson.write(missingTerm));
            assertThatThrownBy(() -> create("--file", second.toString()).offer())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("names no seed");
        }

        @Test
        void readsTheOfferFromAFile() throws Exception {
            Path file = Files.writeString(dir.resolve("offer.json"), CanonicalJson.write(OFFER));

            assertThat(create("--file", file.toString()).offer()).isEqualTo(OFFER);
        }

        @Test
        void aBadOfferFileIsNamed() throws Exception {
            Path file = Files.writeString(dir.resolve("offer.json"), "{\"jobId\": 5}");

            assertThatThrownBy(() -> create("--file", file.toString()).offer())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString());
        }

        @Test
        void fileAndOptionsAreExclusive() {
            assertThatThrownBy(() -> create("--file", "x.json", "--id", "job-1"))
                    .isInstanceOf(CommandLine.ParameterException.class);
        }
    }
}
