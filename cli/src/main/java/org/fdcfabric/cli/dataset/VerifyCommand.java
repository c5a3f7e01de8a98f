package org.fdcfabric.cli.dataset;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.CommonOptions;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Json;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.Output;
import org.fdcfabric.datacenter.ucl.DatasetProofs;
import org.fdcfabric.datacenter.ucl.RecordProof;
import org.fdcfabric.protocol.ucl.Ucl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fdc dataset verify <proof-file>}: checks a proof printed by {@code prove} against the root registered
 * on chain for its dataset. Needs no data center: any organisation can run it. Exit code 0 when the record is
 * in the registered dataset, {@link ExitCodes#NOT_VERIFIED} when it is not.
 */
@Command(
        name = "verify",
        description = "Check a record's Merkle proof against the dataset's root on chain.",
        mixinStandardHelpOptions = true,
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc dataset verify proof.json --as bob",
            "  fdc dataset verify proof.json --json     # {\"valid\":true,\"datasetId\":...}"
        })
final class VerifyCommand implements Callable<Integer> {
    private final UclRegistryProvider registries;

    @Parameters(index = "0", paramLabel = "<proof.json>", description = "Proof file written by 'fdc dataset prove'.")
    Path proofFile;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions connection;

    /** What the command prints: the verdict and what it was checked against. */
    record Verdict(
            boolean valid,
            String datasetId,
            int version,
            long recordIndex,
            String ownerMsp,
            String rootOnChain,
            String proofRoot) {}

    VerifyCommand(UclRegistryProvider registries) {
        this.registries = registries;
    }

    @Override
    public Integer call() throws Exception {
        RecordProof proof = Json.readFile(proofFile, RecordProof.class, "INVALID_PROOF");
        Ucl ucl;
        try (UclRegistryProvider.RegistrySession registry = registries.open(connection)) {
            ucl = registry.registry()
                    .find(proof.datasetId())
                    .orElseThrow(() -> new NotFound("dataset " + proof.datasetId() + " is not registered on chain"));
        }
        boolean valid = DatasetProofs.verify(proof.recordBytes(), proof.proof(), ucl.merkleRoot());
        Verdict verdict = new Verdict(
                valid,
                ucl.id(),
                ucl.version(),
                proof.proof().index(),
                ucl.ownerMsp(),
                ucl.merkleRoot(),
                proof.merkleRoot());
        String line = valid
                ? String.format(
                        "VALID: record %d is in %s version %d (owner %s, root %s)",
                        verdict.recordIndex(), ucl.id(), ucl.version(), ucl.ownerMsp(), ucl.merkleRoot())
                : String.format(
                        "INVALID: record %d is not proved to be in %s version %d (root on chain %s%s)",
                        verdict.recordIndex(),
                        ucl.id(),
                        ucl.version(),
                        ucl.merkleRoot(),
                        proof.merkleRoot().equals(ucl.merkleRoot())
                                ? ""
                                : "; the proof was made for root " + proof.merkleRoot());
        new Output(spec.commandLine().getOut(), connection.json()).print(verdict, Output.fields(line));
        if (!valid) {
            throw new CommandFailed(
                    "record " + verdict.recordIndex() + " does not verify against " + ucl.id() + "'s root on chain",
                    ExitCodes.NOT_VERIFIED);
        }
        return ExitCodes.OK;
    }
}
