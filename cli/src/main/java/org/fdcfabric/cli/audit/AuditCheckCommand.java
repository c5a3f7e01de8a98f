package org.fdcfabric.cli.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.auditor.AuditChecker;
import org.fdcfabric.auditor.AuditReport;
import org.fdcfabric.auditor.ChainReadException;
import org.fdcfabric.auditor.ModelClaim;
import org.fdcfabric.auditor.ProvenanceClaims;
import org.fdcfabric.auditor.gateway.GatewayChainReader;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Words;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fdc audit check}: audits the whole chain (every trail, every round's passes, every settlement, every
 * model's lineage, data centers' refusals, token conservation) and exits non-zero when anything is found.
 */
@Command(
        name = "check",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc audit check --as frank", "  fdc audit check --model provenance.json --report audit.json --json"
        },
        description = {
            "Audit the whole chain: trails verify, every round's participants held valid passes, payouts match the"
                    + " recorded samples, each model's lineage is complete, no data center reported a refusal, and"
                    + " the tokens add up.",
            "Exits 0 when clean and 10 when any violation is found."
        })
public final class AuditCheckCommand extends ClientCommand {
    @Option(
            names = "--model",
            paramLabel = "<provenance.json>",
            description = "A model's provenance file (from the compute node); its job, model hash, round hashes and"
                    + " UCLs are checked against the chain. Repeatable.")
    List<Path> provenance = new ArrayList<>();

    @Option(names = "--report", paramLabel = "<file>", description = "Also write the report as JSON to <file>.")
    Path reportFile;

    private final List<ModelClaim> claims = new ArrayList<>();

    @Override
    protected void checkArguments() {
        claims.clear();
        for (Path file : provenance) {
            String json = readFile(file);
            try {
                claims.add(ProvenanceClaims.read(json));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.code(), file + ": " + e.getMessage());
            }
        }
    }

    @Override
    protected void run(FdcConnection connection, Output out) throws Exception {
        AuditReport report;
        try {
            report = new AuditChecker(GatewayChainReader.over(connection)).check(claims);
        } catch (ChainReadException e) {
            if (e.getCause() instanceof FdcClientException cause) {
                throw cause;
            }
            throw e;
        }
        if (reportFile != null) {
            Files.writeString(reportFile, report.toJson() + "\n");
        }
        out.print(report, Output.fields(null).then(report.toText().stripTrailing()));
        if (!report.clean()) {
            throw new CommandFailed(
                    "the audit found " + Words.count(report.violations().size(), "violation"), ExitCodes.NOT_VERIFIED);
        }
    }

    private static String readFile(Path file) {
        try {
            if (Files.size(file) > CanonicalJson.MAX_DOCUMENT_CHARS) {
                throw new InvalidInputException(ProvenanceClaims.INVALID_PROVENANCE, file + " is too large");
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(ProvenanceClaims.INVALID_PROVENANCE, file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException(
                    ProvenanceClaims.INVALID_PROVENANCE, file + " cannot be read: " + e.getMessage());
        }
    }
}
