package org.fdcfabric.cli.registry;

import java.util.List;
import java.util.stream.Collectors;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Words;
import org.fdcfabric.protocol.ucl.Ucl;

/** How a UCL reads for people. */
final class UclView {
    private UclView() {}

    static Output.Fields summary(String verb, Ucl ucl) {
        return Output.fields(verb + " dataset " + ucl.id() + " version " + ucl.version())
                .add("name", ucl.name())
                .add("owner", ucl.ownerMsp())
                .add("records", ucl.recordCount())
                .add("merkle root", ucl.merkleRoot());
    }

    static Output.Fields detail(Ucl ucl) {
        return Output.fields("dataset " + ucl.id())
                .add("name", ucl.name())
                .add("version", ucl.version())
                .add("status", ucl.status())
                .add("owner", ucl.ownerMsp())
                .add("created", ucl.createdAt())
                .add("records", ucl.recordCount())
                .add("merkle root", ucl.merkleRoot() + " (" + ucl.leafCount() + " leaves)")
                .add("address", ucl.address())
                .add("task", ucl.schema() == null ? null : ucl.schema().task())
                .add(
                        "features",
                        ucl.schema() == null || ucl.schema().features() == null
                                ? null
                                : ucl.schema().features().size())
                .add(
                        "label",
                        ucl.schema() == null || ucl.schema().label() == null
                                ? null
                                : ucl.schema().label().name() + " "
                                        + ucl.schema().label().classes())
                .add("tokens/sample", ucl.terms() == null ? null : ucl.terms().tokensPerSample())
                .add("profile", ucl.profile());
    }

    static Output.Fields table(List<Ucl> ucls) {
        Output.Fields fields = Output.fields(Words.count(ucls.size(), "dataset"));
        fields.then(ucls.stream()
                .map(u -> String.format(
                        "  %-24s v%-3d %-8s %-12s %10d records  %s",
                        u.id(), u.version(), u.status(), u.ownerMsp(), u.recordCount(), u.name()))
                .collect(Collectors.joining("\n")));
        return ucls.isEmpty() ? Output.fields("no datasets") : fields;
    }
}
