package org.fdcfabric.cli.audit;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.cli.ClientCommand;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.cli.NotFound;
import org.fdcfabric.cli.Output;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.cli.Words;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.job.CenterKey;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.job.UsageSignatures;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fdc audit usage <dataset>}: who used a dataset, read from the chain in the clear: every recorded round it
 * contributed to (job, round, data user, samples, when), each checked here against the center's own signature,
 * and the owner's own usage and refusal reports. Only ids, counts, hashes and times: nothing from the records.
 */
@Command(
        name = "usage",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  fdc audit usage wearables-1 --as frank", "  fdc audit usage wearables-1 --json"},
        description = "Which jobs and rounds used a dataset: data user, samples and when, each round checked against"
                + " its center's signature; and the owner's own usage reports.")
final class AuditUsageCommand extends ClientCommand {
    @Parameters(paramLabel = "<dataset-id>", description = "The dataset whose use to list.")
    String datasetId;

    /** One round a dataset contributed to. */
    record RoundUse(
            String jobId,
            long round,
            String dataUserMsp,
            String computeMsp,
            String purpose,
            long samples,
            Instant recordedAt,
            String txId,
            String centerKey,
            boolean corroborated) {}

    /** What {@code --json} prints. */
    record DatasetUsage(String datasetId, String ownerMsp, List<RoundUse> rounds, List<UsageRecord> reports) {}

    @Override
    protected void checkArguments() {
        try {
            InputChecks.matches(datasetId, UclRules.DATASET_ID, "INVALID_DATASET_ID", "<dataset-id>");
        } catch (InvalidInputException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.code() + ": " + e.getMessage());
        }
    }

    @Override
    protected void run(FdcConnection connection, Output out) throws Exception {
        Ucl ucl =
                connection.registration().dataset(datasetId).orElseThrow(() -> new NotFound("no dataset " + datasetId));
        List<RoundUse> rounds = rounds(connection);
        List<UsageRecord> reports = Pages.all((size, mark) -> {
            var page = connection.audit().usage(datasetId, size, mark);
            return new Pages.Page<>(page.usage(), page.bookmark());
        });
        long unverified = rounds.stream().filter(r -> !r.corroborated()).count();
        Output.Fields human = Output.fields("dataset " + datasetId + " of " + ucl.ownerMsp())
                .add(
                        "rounds",
                        rounds.size() + " ("
                                + rounds.stream().mapToLong(RoundUse::samples).sum() + " sample-rounds)")
                .addIf(
                        unverified > 0,
                        "NOT CORROBORATED",
                        Words.count(unverified, "round") + (unverified == 1 ? " lacks" : " lack")
                                + " the center's valid signature")
                .add("reports", reports.size());
        for (RoundUse r : rounds) {
            human.then(String.format(
                    "  %s  job %-20s round %-4d data user %-14s %6d samples  %s  tx %s",
                    r.recordedAt(),
                    r.jobId(),
                    r.round(),
                    r.dataUserMsp(),
                    r.samples(),
                    r.corroborated() ? "signed" : "UNSIGNED",
                    r.txId()));
        }
        for (UsageRecord u : reports) {
            var report = u.report();
            human.then(String.format(
                    "  %s  report #%d %-8s job %s round %s by %s%s",
                    u.recordedAt(),
                    u.seq(),
                    report.kind(),
                    report.jobId(),
                    report.round(),
                    report.counterpartMsp(),
                    report.detail() == null ? "" : ": " + report.detail()));
        }
        out.print(new DatasetUsage(datasetId, ucl.ownerMsp(), rounds, reports), human);
    }

    /** Every recorded round of every job that counted this dataset, in job then round order. */
    private List<RoundUse> rounds(FdcConnection connection) throws FdcClientException {
        Map<String, Optional<X509Certificate>> keys = new HashMap<>();
        List<RoundUse> uses = new ArrayList<>();
        List<TrainingJob> jobs = Pages.all((size, mark) -> {
            var page = connection.jobs().jobs(size, mark);
            return new Pages.Page<>(page.jobs(), page.bookmark());
        });
        for (TrainingJob job : jobs) {
            if (job.participant(datasetId).isEmpty()) {
                continue;
            }
            List<RoundRecord> recorded = Pages.all((size, mark) -> {
                var page = connection.jobs().rounds(job.jobId(), size, mark);
                return new Pages.Page<>(page.rounds(), page.bookmark());
            });
            for (RoundRecord round : recorded) {
                for (RoundParticipant p : round.participants()) {
                    if (!p.datasetId().equals(datasetId)) {
                        continue;
                    }
                    uses.add(new RoundUse(
                            job.jobId(),
                            round.round(),
                            job.payerMsp(),
                            job.offer().computeMsp(),
                            job.offer().purpose(),
                            p.samples(),
                            round.recordedAt(),
                            round.txId(),
                            p.usage() == null ? null : p.usage().centerKey(),
                            corroborated(connection, keys, job, round, p)));
                }
            }
        }
        return uses;
    }

    /** Whether the center's signature on this contribution verifies against a key its owner registered. */
    private static boolean corroborated(
            FdcConnection connection,
            Map<String, Optional<X509Certificate>> keys,
            TrainingJob job,
            RoundRecord round,
            RoundParticipant p)
            throws FdcClientException {
        if (p.usage() == null || round.baseModelHash() == null) {
            return false;
        }
        String cacheKey = p.providerMsp() + "\n" + p.usage().centerKey();
        if (!keys.containsKey(cacheKey)) {
            Optional<CenterKey> key =
                    connection.jobs().centerKey(p.providerMsp(), p.usage().centerKey());
            try {
                keys.put(cacheKey, key.map(k -> UsageSignatures.certificate(k.certificatePem())));
            } catch (InvalidInputException e) {
                keys.put(cacheKey, Optional.empty());
            }
        }
        return keys.get(cacheKey)
                .map(certificate -> UsageSignatures.verify(
                        certificate, p.roundUsage(job.jobId(), round.round(), round.baseModelHash()), p.usage()))
                .orElse(false);
    }
}
