package org.fdcfabric.cli.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.cli.Terminals;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.events.EventSubscription;
import org.fdcfabric.client.events.LedgerEvent;
import org.fdcfabric.compute.coordinator.ConsoleProgress;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.json.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fdc job watch <id>}: a job's rounds as the chain records them, from the collaboration chaincode's events,
 * until the job is settled. On a terminal (as the progress library's terminal layer, JLine, detects one) a progress
 * bar over the job's round budget; otherwise, or with {@code --json}, one JSON line per round and one for the end.
 */
@Command(
        name = "watch",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc job watch job-1 --as dave", "  fdc job watch job-1 --timeout 600 --no-progress"},
        description = "Follow a job's rounds live from chaincode events until it is completed or cancelled: a"
                + " progress bar on a terminal, JSON lines otherwise.")
final class JobWatchCommand extends ClientCommand {
    @Parameters(paramLabel = "<job-id>", description = "The job's id.")
    String jobId;

    @Option(
            names = "--timeout",
            defaultValue = "0",
            paramLabel = "<seconds>",
            description = "Give up after this long without the job ending (exit 5); 0 waits for ever.")
    long timeoutSeconds;

    @Option(names = "--no-progress", description = "JSON lines even on a terminal.")
    boolean noProgress;

    /** One line of the watch: a recorded round, or the job's end. Absent fields are left out of the JSON. */
    record WatchLine(
            String event,
            String jobId,
            Long round,
            Long roundsBudget,
            Integer participants,
            Long samples,
            Integer stragglers,
            Boolean failed,
            String aggregateModelHash,
            String status,
            Instant at,
            String txId,
            String reason) {
        static WatchLine round(RoundRecord r, long budget) {
            return new WatchLine(
                    "round",
                    r.jobId(),
                    r.round(),
                    budget,
                    r.participants().size(),
                    r.participants().stream().mapToLong(p -> p.samples()).sum(),
                    r.stragglers().size(),
                    r.failed(),
                    r.aggregateModelHash(),
                    null,
                    r.recordedAt(),
                    r.txId(),
                    null);
        }

        static WatchLine end(TrainingJob job) {
            return new WatchLine(
                    "end",
                    job.jobId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    job.status().name(),
                    job.settlement() == null ? null : job.settlement().settledAt(),
                    job.settlement() == null ? null : job.settlement().txId(),
                    job.settlement() == null ? null : job.settlement().reason());
        }
    }

    @Override
    protected void checkArguments() {
        if (timeoutSeconds < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--timeout must be >= 0");
        }
    }

    @Override
    protected void run(FdcConnection connection, Output out) throws Exception {
        TrainingJob job = connection.jobs().job(jobId).orElseThrow(() -> new NotFound("no job " + jobId));
        PrintWriter writer = context().out();
        try (Feed feed = !out.json() && !noProgress && Terminals.interactive()
                ? new BarFeed(writer, job)
                : new JsonFeed(writer, job.offer().rounds())) {
            BlockingQueue<LedgerEvent> events = new LinkedBlockingQueue<>();
            Path checkpoints = Files.createTempDirectory("fdc-job-watch");
            // subscribe before reading what is recorded, so nothing committed in between is missed
            try (EventSubscription subscription = connection
                    .collaborationEvents()
                    .subscribe(checkpoints.resolve("events.checkpoint"), 0, events::put)) {
                List<RoundRecord> recorded = Pages.all((size, mark) -> {
                    var page = connection.jobs().rounds(jobId, size, mark);
                    return new Pages.Page<>(page.rounds(), page.bookmark());
                });
                recorded.forEach(feed::round);
                TrainingJob current = connection.jobs().job(jobId).orElse(job);
                if (current.status().settled()) {
                    feed.end(current);
                    return;
                }
                follow(subscription, events, feed);
            } finally {
                deleteTree(checkpoints);
            }
        }
    }

    /** Feeds this job's events until its end; a deadline or a failed subscription ends the watch with exit 5. */
    private void follow(EventSubscription subscription, BlockingQueue<LedgerEvent> events, Feed feed) throws Exception {
        Instant deadline = timeoutSeconds == 0 ? null : Instant.now().plusSeconds(timeoutSeconds);
        while (true) {
            LedgerEvent event = events.poll(1, TimeUnit.SECONDS);
            if (event == null) {
                if (!subscription.isRunning()) {
                    throw new CommandFailed(
                            "EVENTS_FAILED: the event stream ended: "
                                    + subscription
                                            .failure()
                                            .map(Exception::getMessage)
                                            .orElse("no reason given"),
                            ExitCodes.FAILED);
                }
                if (deadline != null && Instant.now().isAfter(deadline)) {
                    throw new CommandFailed(
                            "WATCH_TIMEOUT: job " + jobId + " did not end within " + timeoutSeconds + " s",
                            ExitCodes.FAILED);
                }
                continue;
            }
            if (event.name().equals("RoundRecorded")) {
                RoundRecord round = event.payloadAs(RoundRecord.class);
                if (round.jobId().equals(jobId)) {
                    feed.round(round);
                }
            } else if (event.name().startsWith("Job")) {
                TrainingJob job = readJob(event);
                if (job != null && job.jobId().equals(jobId) && job.status().settled()) {
                    feed.end(job);
                    return;
                }
            }
        }
    }

    /** A job event's payload; null for a job event whose payload is not a job (none today). */
    private static TrainingJob readJob(LedgerEvent event) {
        try {
            return CanonicalJson.read(event.payload(), TrainingJob.class);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where the watch reports; each round is reported once, in order, however often it is seen. */
    private abstract static class Feed implements AutoCloseable {
        private long lastRound;

        final void round(RoundRecord round) {
            if (round.round() > lastRound) {
                lastRound = round.round();
                showRound(round);
            }
        }

        abstract void showRound(RoundRecord round);

        abstract void end(TrainingJob job);

        @Override
        public void close() {}
    }

    private static final class JsonFeed extends Feed {
        private final PrintWriter out;
        private final long budget;

        JsonFeed(PrintWriter out, long budget) {
            this.out = out;
            this.budget = budget;
        }

        @Override
        void showRound(RoundRecord round) {
            out.println(CanonicalJson.write(WatchLine.round(round, budget)));
            out.flush();
        }

        @Override
        void end(TrainingJob job) {
            out.println(CanonicalJson.write(WatchLine.end(job)));
            out.flush();
        }
    }

    private static final class BarFeed extends Feed {
        private final PrintWriter out;
        private final ProgressBar bar;

        BarFeed(PrintWriter out, TrainingJob job) {
            this.out = out;
            this.bar = ConsoleProgress.roundsBar(out, job.jobId(), job.offer().rounds());
        }

        @Override
        void showRound(RoundRecord round) {
            bar.setExtraMessage(String.format(
                    Locale.ROOT, "%d centers%s", round.participants().size(), round.failed() ? ", FAILED" : ""));
            bar.stepTo(round.round());
        }

        @Override
        void end(TrainingJob job) {
            bar.close();
            out.println();
            String reason = job.settlement() == null ? null : job.settlement().reason();
            out.println(job.jobId() + " " + job.status() + (reason == null ? "" : ": " + reason));
            out.flush();
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
