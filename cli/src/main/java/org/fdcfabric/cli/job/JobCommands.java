package org.fdcfabric.cli.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Json;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.OptimizationOptions;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.cli.TimeSpec;
import org.fdcfabric.cli.Words;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobPage;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.RoundPage;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.TrainingTerms;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fdc job}: federated training jobs, from escrowed offer to settlement. */
@Command(
        name = "job",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc job create --file docs/examples/offer.json --as dave", "  fdc job watch job-1 --as dave"},
        description = "Create, accept, start, show, list and cancel training jobs; fetch their models.",
        subcommands = {
            JobCommands.Create.class,
            JobCommands.Accept.class,
            JobStartCommand.class,
            JobModelCommand.class,
            JobCommands.Show.class,
            JobCommands.ListJobs.class,
            JobCommands.Cancel.class,
            JobWatchCommand.class
        })
public final class JobCommands {

    /** An offer either from a JSON file or from options. */
    static final class OfferSource {
        @Option(names = "--file", paramLabel = "<offer.json>", description = "The whole job offer as JSON.")
        Path file;

        @ArgGroup(exclusive = false)
        OfferOptions options;
    }

    static final class OfferOptions {
        @Option(names = "--id", required = true, paramLabel = "<job-id>", description = "The new job's id.")
        String jobId;

        @Option(
                names = "--dataset",
                required = true,
                paramLabel = "<dataset-id>",
                description = "A dataset (repeat for several).")
        List<String> datasets;

        @Option(
                names = "--purpose",
                required = true,
                paramLabel = "<text>",
                description = "Must equal the purpose of each pass.")
        String purpose;

        @Option(
                names = "--tokens-per-sample",
                required = true,
                paramLabel = "<n>",
                description = "Tokens paid to a provider per sample it trains on.")
        long tokensPerSample;

        @Option(
                names = "--provider-cap",
                required = true,
                paramLabel = "<n>",
                description = "Most tokens paid to all providers together.")
        long providerCap;

        @Option(
                names = "--compute-fee",
                defaultValue = "0",
                paramLabel = "<n>",
                description = "Tokens paid to the compute organisation (default: ${DEFAULT-VALUE}).")
        long computeFee;

        @Option(
                names = "--compute-msp",
                required = true,
                paramLabel = "<msp>",
                description = "Organisation that runs the rounds.")
        String computeMsp;

        @Option(
                names = "--model",
                defaultValue = "logistic",
                paramLabel = "<family>",
                description = "Model family: logistic, fm, linear or mlp (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--param", paramLabel = "<name=value>", description = "Model hyperparameter (repeatable).")
        Map<String, String> hyperparameters;

        @Option(names = "--rounds", required = true, paramLabel = "<n>", description = "Training rounds to run.")
        long rounds;

        @Option(
                names = "--deadline",
                defaultValue = "7d",
                paramLabel = "<when>",
                description = "ISO instant or time from now (default: ${DEFAULT-VALUE}).")
        String deadline;
    }

    @Command(
            name = "create",
            footerHeading = HelpText.EXAMPLES,
            footer = {
                "  fdc job create --file docs/examples/offer.json --as dave",
                "  fdc job create --id job-1 --dataset wearables-1 --purpose study \\",
                "      --tokens-per-sample 1 --provider-cap 500 --compute-msp ComputeMSP \\",
                "      --rounds 5 --json"
            },
            description = "Offer a job; its cap plus compute fee move from your wallet into escrow.")
    static final class Create extends ClientCommand {
        @ArgGroup(multiplicity = "1")
        OfferSource source;

        @Mixin
        OptimizationOptions optimization;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<TrainingJob> committed = connection.jobs().create(offer());
            out.committed(committed, JobView.job(committed.value()));
        }

        /**
         * The offer, refused here unless the compute node could train it: a family it knows and every term it needs
         * (an offer it cannot run would hold the payer's escrow until the job fails).
         */
        JobOffer offer() {
            JobOffer offer = draft();
            trainable(offer.model());
            return offer;
        }

        static void trainable(ModelSpec model) {
            try {
                ModelFamily.fromWireName(model.family());
                TrainingTerms.fromModelSpec(model);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "INVALID_JOB",
                        e.getMessage() + "; the compute node trains only what the offer names in full (see"
                                + " docs/examples/offer.json)");
            }
        }

        private JobOffer draft() {
            Map<String, String> optimizationTerms;
            try {
                optimizationTerms = optimization.terms();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("INVALID_JOB", e.getMessage());
            }
            if (source.file != null) {
                if (!optimizationTerms.isEmpty()) {
                    throw new InvalidInputException(
                            "INVALID_JOB", "with --file, write the server optimizer and schedule terms in the file");
                }
                return Json.readFile(source.file, JobOffer.class, "INVALID_JOB");
            }
            OfferOptions o = source.options;
            if (o == null) {
                throw new InvalidInputException("INVALID_JOB", "give --file or the offer options");
            }
            Map<String, String> hyperparameters =
                    new TreeMap<>(o.hyperparameters == null ? Map.of() : o.hyperparameters);
            for (Map.Entry<String, String> term : optimizationTerms.entrySet()) {
                String before = hyperparameters.putIfAbsent(term.getKey(), term.getValue());
                if (before != null && !before.equals(term.getValue())) {
                    throw new InvalidInputException(
                            "INVALID_JOB",
                            "--param " + term.getKey() + "=" + before + " contradicts the optimization options' "
                                    + term.getValue());
                }
            }
            return new JobOffer(
                    o.jobId,
                    o.datasets,
                    o.purpose,
                    o.tokensPerSample,
                    o.providerCap,
                    o.computeFee,
                    o.computeMsp,
                    new ModelSpec(o.model, hyperparameters),
                    o.rounds,
                    TimeSpec.parse(o.deadline, context().clock(), ErrorCode.INVALID_DEADLINE, "--deadline"));
        }
    }

    @Command(
            name = "accept",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc job accept job-1 wearables-1 --pass pass-1 --samples 400 --as alice"},
            description = "Join an open job with one of your datasets.")
    static final class Accept extends ClientCommand {
        @Parameters(index = "0", paramLabel = "<job-id>", description = "The job to join.")
        String jobId;

        @Parameters(index = "1", paramLabel = "<dataset-id>", description = "Your dataset to train on.")
        String datasetId;

        @Option(
                names = "--pass",
                required = true,
                paramLabel = "<pass-id>",
                description = "Your pass for the job's payer.")
        String passId;

        @Option(
                names = "--samples",
                required = true,
                paramLabel = "<n>",
                description = "Samples you commit (at most the UCL's records).")
        long samples;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<TrainingJob> committed = connection.jobs().accept(jobId, datasetId, passId, samples);
            out.committed(committed, JobView.job(committed.value()));
        }
    }

    @Command(
            name = "show",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc job show job-1 --as dave", "  fdc job show job-1 --rounds --json"},
            description = "Show a job; with --rounds, also its recorded rounds.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "<job-id>", description = "The job's id.")
        String jobId;

        @Option(names = "--rounds", description = "Also list the recorded rounds.")
        boolean withRounds;

        /** What {@code --json --rounds} prints. */
        record JobWithRounds(TrainingJob job, List<RoundRecord> rounds) {}

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            var jobs = connection.jobs();
            TrainingJob job = jobs.job(jobId).orElseThrow(() -> new NotFound("no job " + jobId));
            if (!withRounds) {
                out.print(job, JobView.job(job));
                return;
            }
            List<RoundRecord> rounds = Pages.all((size, mark) -> {
                RoundPage page = jobs.rounds(jobId, size, mark);
                return new Pages.Page<>(page.rounds(), page.bookmark());
            });
            Output.Fields human = JobView.job(job);
            rounds.forEach(r -> human.then(JobView.round(r)));
            out.print(new JobWithRounds(job, rounds), human);
        }
    }

    @Command(
            name = "list",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc job list --as dave", "  fdc job list --json"},
            description = "List every job in job id order.")
    static final class ListJobs extends ClientCommand {
        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            List<TrainingJob> jobs = Pages.all((size, mark) -> {
                JobPage page = connection.jobs().jobs(size, mark);
                return new Pages.Page<>(page.jobs(), page.bookmark());
            });
            Output.Fields human = Output.fields(Words.count(jobs.size(), "job"));
            for (TrainingJob job : jobs) {
                human.then(String.format(
                        "  %-24s %-9s payer %-14s %d of %d rounds  %s",
                        job.jobId(),
                        job.status(),
                        job.payerMsp(),
                        job.roundsRecorded(),
                        job.offer().rounds(),
                        job.offer().purpose()));
            }
            out.print(jobs, human);
        }
    }

    @Command(
            name = "cancel",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc job cancel job-1 --as dave"},
            description = "Cancel a job and refund its escrow to the payer.")
    static final class Cancel extends ClientCommand {
        @Parameters(paramLabel = "<job-id>", description = "The job's id.")
        String jobId;

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            Committed<TrainingJob> committed = connection.jobs().cancel(jobId);
            out.committed(committed, JobView.job(committed.value()));
        }
    }

    /** How jobs read for people. */
    static final class JobView {
        private JobView() {}

        static Output.Fields job(TrainingJob job) {
            JobOffer o = job.offer();
            Output.Fields fields = Output.fields("job " + job.jobId() + " (" + job.status() + ")")
                    .add("payer", job.payerMsp())
                    .add("datasets", String.join(", ", o.datasetIds()))
                    .add("purpose", o.purpose())
                    .add(
                            "model",
                            o.model().family()
                                    + (o.model().hyperparameters().isEmpty()
                                            ? ""
                                            : " (" + Words.pairs(o.model().hyperparameters()) + ")"))
                    .add(
                            "escrow",
                            o.escrowAmount() + " (provider cap " + o.providerCap() + ", compute fee " + o.computeFee()
                                    + ")")
                    .add("price", o.tokensPerSample() + " tokens per sample-round")
                    .add("compute", o.computeMsp())
                    .add("rounds", job.roundsRecorded() + " of " + o.rounds() + " recorded")
                    .add("deadline", o.deadline())
                    .add("created", job.createdAt())
                    .add("started", job.startedAt());
            for (Participant p : job.participants()) {
                fields.then("  participant " + p.datasetId() + " (" + p.providerMsp() + "): " + p.samples()
                        + " samples, pass " + p.passId());
            }
            if (job.settlement() != null) {
                fields.then("  settled " + job.settlement().outcome() + " at "
                        + job.settlement().settledAt()
                        + (job.settlement().reason() == null
                                ? ""
                                : ": " + job.settlement().reason()));
                for (Payout payout : job.settlement().payouts()) {
                    fields.then("    " + payout.kind() + " " + payout.amount() + " to " + payout.account()
                            + (payout.datasetId() == null ? "" : " for " + payout.datasetId()));
                }
            }
            return fields;
        }

        static String round(RoundRecord r) {
            return "  round " + r.round() + ": " + Words.count(r.participants().size(), "participant") + ", "
                    + Words.count(r.stragglers().size(), "straggler") + ", model " + r.aggregateModelHash()
                    + (r.metrics().isEmpty() ? "" : ", " + Words.pairs(r.metrics()));
        }
    }
}
