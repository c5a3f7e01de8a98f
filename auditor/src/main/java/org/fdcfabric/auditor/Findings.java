package org.fdcfabric.auditor;

import java.util.ArrayList;
import java.util.List;

/** Collects the violations of one check, with evidence whose tx ids carry their block numbers. */
final class Findings {
    private final ChainReader reader;
    private final ViolationKind kind;
    private final List<Violation> found = new ArrayList<>();

    Findings(ChainReader reader, ViolationKind kind) {
        this.reader = reader;
        this.kind = kind;
    }

    Evidence evidence() {
        return new Evidence(reader);
    }

    void add(String subject, Evidence evidence, String message) {
        found.add(Violation.of(kind, subject, evidence.values(), message));
    }

    List<Violation> list() {
        return List.copyOf(found);
    }
}
