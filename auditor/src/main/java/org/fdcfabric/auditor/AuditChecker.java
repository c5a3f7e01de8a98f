package org.fdcfabric.auditor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs every audit over one reading of the chain. Each check judges independently, so one tampered record shows
 * up as the finding its kind predicts and not as a cascade.
 */
public final class AuditChecker {
    private final ChainReader reader;

    public AuditChecker(ChainReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Audits the chain. */
    public AuditReport check() {
        return check(List.of());
    }

    /** Audits the chain and each model's claimed lineage (at most one claim per job). */
    public AuditReport check(List<ModelClaim> claims) {
        ChainView view = new ChainLoader(reader).load();
        LineageCheck lineage = new LineageCheck(reader, claims);
        BlockCheck blocks = new BlockCheck(reader);
        List<Check> checks = List.of(
                blocks,
                new TrailCheck(reader),
                new PassCheck(reader),
                new PayoutCheck(reader),
                lineage,
                new UsageCheck(reader),
                new TokenCheck(reader));
        List<Violation> violations = new ArrayList<>();
        for (Check check : checks) {
            violations.addAll(check.run(view));
        }
        return AuditReport.of(coverage(view, blocks.blocksRead()), lineage.lineage(), violations);
    }

    private static Coverage coverage(ChainView view, long blocks) {
        return new Coverage(
                view.trails().size(),
                view.trails().stream().mapToLong(t -> t.entries().size()).sum(),
                view.jobs().size(),
                view.rounds().values().stream().mapToLong(List::size).sum(),
                view.passes().size(),
                view.datasets().size(),
                view.usage().values().stream().mapToLong(List::size).sum(),
                view.accounts().size(),
                blocks);
    }
}
