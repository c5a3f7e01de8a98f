package org.fdcfabric.cli.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.JsonOption;
import org.fdcfabric.cli.Output;
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
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc dataset prove wearables-1 5 --data-dir dc-a --out proof.json",
            "  fdc dataset prove wearables-1 5 --data-dir dc-a     # the proof on stdout"
        },
        description = "Print a record of a published dataset with its Merkle proof (JSON).",
        mixinStandardHelpOptions = true)
final class ProveCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Parameters(index = "0", paramLabel = "<dataset-id>", description = "Dataset id.")
    String datasetId;

    @Parameters(index = "1", paramLabel = "<record-index>", description = "Record index, from 0, in leaf order.")
    long recordIndex;

    @Option(
            names = "--out",
            paramLabel = "<file>",
            description = "Write the proof to this file instead of standard output.")
    Path outFile;

    @Mixin
    JsonOption format;

    @Spec
    CommandSpec spec;

    /** What {@code --json} prints when the proof went to {@code --out}. */
    record Written(String datasetId, long recordIndex, String file) {}

    @Override
    public Integer call() throws CommandFailed {
        RecordProof proof;
        try (CenterStore store = center.open()) {
            proof = new DatasetProofs(store.datasets()).prove(datasetId, recordIndex);
        }
        String json = CanonicalJson.write(proof);
        if (outFile == null) {
            // the proof is JSON already: the same document with or without --json
            spec.commandLine().getOut().println(json);
        } else {
            try {
                Files.writeString(outFile, json + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + outFile, e);
            }
            format.output(spec.commandLine().getOut())
                    .print(
                            new Written(datasetId, recordIndex, outFile.toString()),
                            Output.fields(String.format(
                                    "proof of record %d of %s written to %s", recordIndex, datasetId, outFile)));
        }
        return 0;
    }
}
