package org.fdcfabric.cli.dataset;

import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.learning.tabular.TabularCsvException;

/** A CSV file the table commands cannot read is the caller's input at fault: exit 3, its code in the message. */
final class TableFailures {
    private TableFailures() {}

    static CommandFailed of(TabularCsvException e) {
        return new CommandFailed(e.getMessage(), ExitCodes.INVALID_INPUT);
    }
}
