package org.fdcfabric.cli.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.client.config.ConfigException;
import org.fdcfabric.client.config.PemFiles;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.learning.crypto.TlsMaterial;
import org.fdcfabric.protocol.job.ModelProvenance;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.models.GetModelRequest;
import org.fdcfabric.protocol.models.GetModelResponse;
import org.fdcfabric.protocol.models.ModelDeliveryGrpc;
import org.fdcfabric.protocol.ucl.Ucl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fdc job model <id> --out FILE}: the payer fetches its job's final model from the compute node over mutual
 * TLS (its enrollment certificate is the proof that it paid), verifies it against the chain ({@link ModelLineage}),
 * and only then writes it ({@code FILE}, the coordinator's {@code final.model} format that {@code fdc model} reads)
 * with its lineage beside it ({@code FILE.provenance.json}).
 */
@Command(
        name = "model",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc job model job-1 --out final.model --from compute.example:7600 \\",
            "      --compute-ca compute-ca.pem --as dave"
        },
        description = "Fetch a completed job's final model from the compute node (as its payer) and verify its hash"
                + " and lineage against the chain.")
final class JobModelCommand extends ClientCommand {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Parameters(paramLabel = "<job-id>", description = "The job's id.")
    String jobId;

    @Option(names = "--out", required = true, paramLabel = "<file>", description = "Where to write the model.")
    Path outFile;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "<host:port>",
            description = "The compute node's model endpoint (its 'models.listen').")
    String from;

    @Option(
            names = "--compute-ca",
            required = true,
            paramLabel = "<ca.pem>",
            description = "The TLS CA certificate of the compute organisation.")
    Path computeCa;

    @Option(
            names = "--deadline-seconds",
            defaultValue = "60",
            paramLabel = "<s>",
            description = "How long to wait for the model (default: ${DEFAULT-VALUE}).")
    long deadlineSeconds;

    @Override
    protected void run(FdcConnection connection, Output out) throws Exception {
        TrainingJob job = connection.jobs().job(jobId).orElseThrow(() -> new NotFound("no job " + jobId));
        List<RoundRecord> rounds = Pages.all((size, mark) -> {
            RoundPage page = connection.jobs().rounds(jobId, size, mark);
            return new Pages.Page<>(page.rounds(), page.bookmark());
        });
        Map<String, Ucl> ucls = new TreeMap<>();
        for (String datasetId : job.offer().datasetIds()) {
            connection.registration().dataset(datasetId).ifPresent(ucl -> ucls.put(datasetId, ucl));
        }
        GetModelResponse response = fetch(connection);
        ModelProvenance lineage;
        try {
            lineage = JSON.readValue(response.getProvenanceJson().toByteArray(), ModelProvenance.class);
        } catch (IOException e) {
            throw new CommandFailed(
                    "MODEL_UNVERIFIED: the compute node sent no readable lineage: " + e.getMessage(),
                    ExitCodes.NOT_VERIFIED);
        }
        byte[] model = response.getModel().toByteArray();
        List<String> problems = ModelLineage.problems(job, rounds, ucls, model, lineage);
        if (!problems.isEmpty()) {
            throw new CommandFailed(
                    "MODEL_UNVERIFIED: nothing written; the model does not match the chain:\n  "
                            + String.join("\n  ", problems),
                    ExitCodes.NOT_VERIFIED);
        }
        write(outFile, model);
        Path provenance = outFile.resolveSibling(outFile.getFileName() + ".provenance.json");
        write(provenance, response.getProvenanceJson().toByteArray());
        record Fetched(String jobId, String modelHash, int rounds, String modelFile, String provenanceFile) {}
        out.print(
                new Fetched(jobId, response.getModelHash(), rounds.size(), outFile.toString(), provenance.toString()),
                Output.fields("model of " + jobId + " verified against the chain")
                        .add("hash", response.getModelHash())
                        .add("rounds", rounds.size() + " recorded, lineage matches")
                        .add("datasets", String.join(", ", job.offer().datasetIds()))
                        .add("model", outFile)
                        .add("lineage", provenance));
    }

    private GetModelResponse fetch(FdcConnection connection) throws CommandFailed {
        int colon = from.lastIndexOf(':');
        if (colon <= 0 || !from.substring(colon + 1).matches("\\d{1,5}")) {
            throw new CommandFailed("--from must be host:port, not " + from, ExitCodes.USAGE);
        }
        ManagedChannel channel;
        try {
            TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                    .keyManager(TlsMaterial.keyManagers(
                            connection.identity().privateKey(),
                            connection.identity().certificate()))
                    .trustManager(TlsMaterial.trustManagers(PemFiles.certificate(computeCa, "--compute-ca")));
            channel = Grpc.newChannelBuilderForAddress(
                            from.substring(0, colon), Integer.parseInt(from.substring(colon + 1)), credentials.build())
                    .maxInboundMessageSize(256 * 1024 * 1024)
                    .build();
        } catch (ConfigException e) {
            throw new CommandFailed(e.getMessage(), ExitCodes.CONFIGURATION);
        } catch (java.security.GeneralSecurityException e) {
            throw new CommandFailed("cannot use your identity for TLS: " + e.getMessage(), ExitCodes.CONFIGURATION);
        }
        try {
            return ModelDeliveryGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
                    .getModel(GetModelRequest.newBuilder().setJobId(jobId).build());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            String message = "the compute node at " + from + " answered " + code + ": "
                    + e.getStatus().getDescription();
            throw new CommandFailed(
                    message,
                    switch (code) {
                        case NOT_FOUND -> ExitCodes.NOT_FOUND;
                        case UNAVAILABLE, DEADLINE_EXCEEDED -> ExitCodes.UNREACHABLE;
                        case PERMISSION_DENIED, FAILED_PRECONDITION, INVALID_ARGUMENT -> ExitCodes.REJECTED;
                        default -> ExitCodes.FAILED;
                    });
        } finally {
            channel.shutdownNow();
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = Files.createTempFile(
                absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
