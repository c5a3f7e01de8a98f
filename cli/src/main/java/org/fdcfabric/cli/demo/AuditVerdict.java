package org.fdcfabric.cli.demo;

import java.util.List;

/**
 * The auditor's verdict on a demo run: each check with what it covered and every violation it found, with the
 * evidence (transaction ids, subjects) in the violation's text.
 */
record AuditVerdict(List<Check> checks) {
    /** One check: passed when it found no violation. */
    record Check(String name, String covered, List<String> violations) {
        Check {
            violations = List.copyOf(violations);
        }

        boolean passed() {
            return violations.isEmpty();
        }
    }

    AuditVerdict {
        checks = List.copyOf(checks);
    }

    boolean clean() {
        return checks.stream().allMatch(Check::passed);
    }
}
