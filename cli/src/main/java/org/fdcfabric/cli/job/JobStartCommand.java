package org.fdcfabric.cli.job;

import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Output;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.protocol.job.TrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fdc job start}: the compute organisation starts an open job by hand (OPEN -> RUNNING), for instance with
 * the datasets that have accepted so far. {@code fdc compute serve} does this itself once every dataset accepted.
 */
@Command(
        name = "start",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc job start job-1 --as erin", "  fdc job start job-1 --json"},
        description = "Start an open job (compute organisation); 'fdc compute serve' starts jobs itself once every"
                + " dataset has accepted.")
final class JobStartCommand extends ClientCommand {
    @Parameters(paramLabel = "<job-id>", description = "The job's id.")
    String jobId;

    @Override
    protected void run(FdcConnection connection, Output out) throws Exception {
        Committed<TrainingJob> committed = connection.jobs().start(jobId);
        out.committed(committed, JobCommands.JobView.job(committed.value()));
    }
}
