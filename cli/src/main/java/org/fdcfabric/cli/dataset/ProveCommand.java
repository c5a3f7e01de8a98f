package org.fdcfabric.cli.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.datacenter.store.CenterStore;
import org.fdcfabric.datacenter.ucl.DatasetProofs;
import org.fdcfabric.datacenter.ucl.RecordProof;
import org.fdcfabric.protocol.json.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fdc dataset prove <dataset> <record-index>}: prints a record and its Merkle proof as JSON. */
@Command(
        name = "prove",
        description = "Print a record of a published dataset with its Merkle proof (JSON).",
        mixinStandardHelpOptions = true)
final class ProveCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Parameters(index = "0", description = "Dataset id.")
    String datasetId;

    @Parameters(index = "1", description = "Record index, from 0, in leaf order.")
    long recordIndex;

    @Option(names = "--out", description = "Write the proof to this file instead of standard output.")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CommandFailed {
        RecordProof proof;
        try (CenterStore store = center.open()) {
            proof = new DatasetProofs(store.datasets()).prove(datasetId, recordIndex);
        }
        String json = CanonicalJson.write(proof);
        if (outFile == null) {
            spec.commandLine().getOut().println(json);
        } else {
            try {
                Files.writeString(outFile, json + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + outFile, e);
            }
            spec.commandLine()
                    .getOut()
                    .printf("proof of record %d of %s written to %s%n", recordIndex, datasetId, outFile);
        }
        return 0;
    }
}
