package org.fdcfabric.cli.dataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommonOptions;
import org.fdcfabric.datacenter.ucl.DatasetProofs;
import org.fdcfabric.datacenter.ucl.RecordProof;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Ucl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fdc dataset verify <proof-file>}: checks a proof printed by {@code prove} against the root registered
 * on chain for its dataset. Needs no data center: any organisation can run it. Exit code 0 when the record is
 * in the registered dataset, 1 when it is not.
 */
@Command(
        name = "verify",
        description = "Check a record's Merkle proof against the dataset's root on chain.",
        mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer> {
    static final int NOT_PROVED = 1;

    private final UclRegistryProvider registries;

    @Parameters(index = "0", description = "Proof file written by 'fdc dataset prove'.")
    Path proofFile;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions connection;

    VerifyCommand(UclRegistryProvider registries) {
        this.registries = registries;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RecordProof proof;
        try {
            proof = CanonicalJson.read(Files.readString(proofFile), RecordProof.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + proofFile, e);
        }
        Ucl ucl;
        try (UclRegistryProvider.RegistrySession registry = registries.open(connection)) {
            ucl = registry.registry()
                    .find(proof.datasetId())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "dataset " + proof.datasetId() + " is not registered on chain"));
        }
        if (DatasetProofs.verify(proof.recordBytes(), proof.proof(), ucl.merkleRoot())) {
            out.printf(
                    "VALID: record %d is in %s version %d (owner %s, root %s)%n",
                    proof.proof().index(), ucl.id(), ucl.version(), ucl.ownerMsp(), ucl.merkleRoot());
            return 0;
        }
        out.printf(
                "INVALID: record %d is not proved to be in %s version %d (root on chain %s%s)%n",
                proof.proof().index(),
                ucl.id(),
                ucl.version(),
                ucl.merkleRoot(),
                proof.merkleRoot().equals(ucl.merkleRoot())
                        ? ""
                        : "; the proof was made for root " + proof.merkleRoot());
        return NOT_PROVED;
    }
}
