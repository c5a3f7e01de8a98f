package org.fdcfabric.cli.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.cli.Words;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.audit.AuditChain;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.audit.TrailBreak;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.trail.TrailHeadPage;
import org.fdcfabric.protocol.trail.TrailPage;
import org.fdcfabric.protocol.trail.TrailVerdict;
import org.fdcfabric.protocol.ucl.Ucl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code fdc audit}: hash-chained audit trails, read and verified. */
@Command(
        name = "audit",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc audit verify --all --as frank", "  fdc audit trail dataset:wearables-1 --registry --as frank"},
        description = "Read and verify audit trails.",
        subcommands = {
            AuditCommands.Trail.class,
            AuditCommands.Verify.class,
            AuditCheckCommand.class,
            AuditUsageCommand.class
        })
public final class AuditCommands {

    static final String SUBJECTS =
            "token, wallet:<account>, request:<id>, pass:<id>, job:<id>, dataset:<id> (also with --registry),"
                    + " centerkeys:<msp>";

    /** A mistyped subject would read as an empty, valid trail: refuse it before asking the network. */
    static void checkSubject(String subject) {
        if (!Subjects.wellFormed(subject)) {
            throw new InvalidInputException(
                    "INVALID_SUBJECT", "'" + subject + "' is not an audit subject; subjects are " + SUBJECTS);
        }
    }

    /** Where the trail lives: the collaboration channel's audit contract, or the registration channel. */
    static final class Source {
        @Option(names = "--registry", description = "Read the registration channel's trail of a dataset.")
        boolean registry;

        TrailPage page(FdcConnection connection, String subject, int size, String bookmark) throws FdcClientException {
            return registry
                    ? connection.registration().trail(subject, size, bookmark)
                    : connection.audit().trail(subject, size, bookmark);
        }

        TrailVerdict verdict(FdcConnection connection, String subject) throws FdcClientException {
            return registry
                    ? connection.registration().verifyTrail(subject)
                    : connection.audit().verify(subject);
        }

        List<AuditEntry> all(FdcConnection connection, String subject) throws FdcClientException {
            return Pages.all((size, mark) -> {
                TrailPage page = page(connection, subject, size, mark);
                return new Pages.Page<>(page.entries(), page.bookmark());
            });
        }
    }

    /**
     * A trail can hold while the record it describes was changed in state: the dataset's current UCL must still be
     * what the trail's latest entry committed to (its canonical JSON's hash is the entry's details hash).
     */
    private static Optional<TrailBreak> recordMatches(FdcConnection connection, String subject, AuditEntry latest)
            throws FdcClientException {
        if (!subject.startsWith(Subjects.DATASET)) {
            return Optional.empty();
        }
        Optional<Ucl> record = connection.registration().dataset(subject.substring(Subjects.DATASET.length()));
        if (record.isEmpty()) {
            return Optional.of(
                    new TrailBreak(latest.seq(), "the trail exists but the dataset's record is missing from state"));
        }
        String actual = Hashes.sha256Hex(CanonicalJson.bytes(record.get()));
        return actual.equals(latest.detailsHash())
                ? Optional.empty()
                : Optional.of(new TrailBreak(
                        latest.seq(),
                        "the dataset's record in state (hash " + actual + ") is not what its latest trail entry"
                                + " recorded (" + latest.detailsHash() + "): it was changed outside a transaction"));
    }

    @Command(
            name = "trail",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc audit trail token --as frank", "  fdc audit trail dataset:wearables-1 --registry --json"},
            description = "A subject's audit trail in order. Subjects: " + SUBJECTS + ".")
    static final class Trail extends ClientCommand {
        @Parameters(paramLabel = "<subject>", description = "Whose trail: " + SUBJECTS + ".")
        String subject;

        @picocli.CommandLine.Mixin
        Source source;

        @Override
        protected void checkArguments() {
            checkSubject(subject);
        }

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            List<AuditEntry> entries = source.all(connection, subject);
            Output.Fields human = Output.fields(subject + ": " + Words.count(entries.size(), "entry", "entries"));
            for (AuditEntry e : entries) {
                human.then(String.format(
                        "  #%-4d %s  %-22s %-12s tx %s  hash %s",
                        e.seq(), e.txTime(), e.action(), e.actorMsp(), e.txId(), e.hash()));
            }
            out.print(new TrailPage(subject, entries, ""), human);
        }
    }

    /**
     * Verifies twice: the chain's own verdict, and an independent check here of every entry the chain returns
     * (sequence, hashes, links), so an auditor need not trust the chaincode's answer.
     */
    @Command(
            name = "verify",
            footerHeading = HelpText.EXAMPLES,
            footer = {"  fdc audit verify job:job-1 --as frank", "  fdc audit verify --all --json"},
            description = "Verify a subject's trail on chain and, independently, here. Subjects: " + SUBJECTS + ".")
    static final class Verify extends ClientCommand {
        @Parameters(arity = "0..1", paramLabel = "<subject>", description = "Whose trail (or --all): " + SUBJECTS + ".")
        String subject;

        @Option(names = "--all", description = "Verify every trail on the collaboration channel.")
        boolean all;

        @picocli.CommandLine.Mixin
        Source source;

        /** What {@code --json} prints for one trail. */
        record Report(String subject, TrailVerdict onChain, long entries, boolean locallyValid, TrailBreak localBreak) {
            boolean valid() {
                return onChain.valid() && locallyValid;
            }

            String describe() {
                return subject + ": " + (valid() ? "VALID" : "BROKEN") + " (" + Words.count(entries, "entry", "entries")
                        + ")";
            }
        }

        @Override
        protected void checkArguments() {
            if (all == (subject != null)) {
                throw new ParameterException(spec.commandLine(), "give a <subject> or --all");
            }
            if (all && source.registry) {
                throw new ParameterException(spec.commandLine(), "--all lists the collaboration channel's trails only");
            }
            if (subject != null) {
                checkSubject(subject);
            }
        }

        @Override
        protected void run(FdcConnection connection, Output out) throws Exception {
            if (all) {
                List<AuditEntry> heads = Pages.all((size, mark) -> {
                    TrailHeadPage page = connection.audit().heads(size, mark);
                    return new Pages.Page<>(page.heads(), page.bookmark());
                });
                List<Report> reports = new ArrayList<>();
                for (AuditEntry head : heads) {
                    reports.add(check(connection, head.subject()));
                }
                long broken = reports.stream().filter(r -> !r.valid()).count();
                Output.Fields human = Output.fields(Words.count(reports.size(), "trail") + ", " + broken + " broken");
                reports.forEach(r -> human.then("  " + r.describe()));
                out.print(reports, human);
                if (broken > 0) {
                    throw new CommandFailed(
                            Words.count(broken, "audit trail") + " do" + (broken == 1 ? "es" : "") + " not verify",
                            ExitCodes.NOT_VERIFIED);
                }
                return;
            }
            Report report = check(connection, subject);
            TrailVerdict verdict = report.onChain();
            Output.Fields human = Output.fields(subject + ": " + (report.valid() ? "VALID" : "BROKEN"))
                    .add("entries", report.entries())
                    .add("head", verdict.headHash())
                    .add(
                            "on chain",
                            verdict.valid()
                                    ? "valid"
                                    : "broken at #" + verdict.firstBreak().seq() + ": "
                                            + verdict.firstBreak().reason())
                    .add(
                            "here",
                            report.locallyValid()
                                    ? "valid"
                                    : "broken at #" + report.localBreak().seq() + ": "
                                            + report.localBreak().reason());
            out.print(report, human);
            if (!report.valid()) {
                throw new CommandFailed("the audit trail of " + subject + " does not verify", ExitCodes.NOT_VERIFIED);
            }
        }

        private Report check(FdcConnection connection, String trailSubject) throws FdcClientException {
            TrailVerdict verdict = source.verdict(connection, trailSubject);
            List<AuditEntry> entries = source.all(connection, trailSubject);
            Optional<TrailBreak> local = AuditChain.verify(entries);
            if (local.isEmpty()
                    && !entries.isEmpty()
                    && verdict.headHash() != null
                    && !verdict.headHash()
                            .equals(entries.get(entries.size() - 1).hash())) {
                local = Optional.of(
                        new TrailBreak(entries.size() - 1, "the chain's head hash is not the last entry's"));
            }
            if (local.isEmpty() && source.registry && !entries.isEmpty()) {
                local = recordMatches(connection, trailSubject, entries.get(entries.size() - 1));
            }
            return new Report(trailSubject, verdict, entries.size(), local.isEmpty(), local.orElse(null));
        }
    }
}
