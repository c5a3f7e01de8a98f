package org.fdcfabric.cli.demo;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fdcfabric.cli.Words;

/**
 * What a demo run shows: its phases and their times, the institutions' datasets, each round, federated against
 * centralized accuracy on the pooled test splits, the settlement per organisation, the audit verdict, and where
 * the model and its provenance are.
 */
record DemoReport(
        String jobId,
        String model,
        int institutions,
        int roundBudget,
        long seed,
        List<PhaseClock.Phase> phases,
        long totalMillis,
        List<DatasetLine> datasets,
        List<RoundLine> rounds,
        Accuracy accuracy,
        long minted,
        List<PayoutLine> payouts,
        Map<String, Long> balances,
        AuditVerdict audit,
        String finalModelHash,
        String modelFile,
        String provenanceFile) {
    static final String MARKDOWN = "report.md";
    static final String JSON = "report.json";

    record DatasetLine(
            String datasetId,
            String ownerMsp,
            long governedRecords,
            int trainSamples,
            int testSamples,
            String merkleRoot,
            String address) {}

    /** A round as numbers (the loss is absent when the model reports none), so report.json is typed. */
    record RoundLine(
            int round,
            int participants,
            double federatedAccuracy,
            BigDecimal trainLoss,
            BigDecimal distance,
            String aggregateModelHash) {}

    /** Both models scored on the same pooled test splits of every institution. */
    record Accuracy(double federated, double centralized, long testSamples) {}

    record PayoutLine(String account, String kind, long amount, String datasetId, Long sampleRounds) {}

    boolean clean() {
        return audit.clean();
    }

    void write(Path directory) throws IOException {
        ObjectMapper json = JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        Files.writeString(directory.resolve(JSON), json.writeValueAsString(this) + "\n");
        Files.writeString(directory.resolve(MARKDOWN), markdown());
    }

    /** The few lines the terminal shows at the end; the full report is in report.md and report.json. */
    String summary() {
        long paid = payouts.stream().mapToLong(PayoutLine::amount).sum();
        return String.format(
                        Locale.ROOT,
                        "job %s: %s model, %s of %s, %.1f s%n",
                        jobId,
                        model,
                        Words.count(rounds.size(), "round"),
                        Words.count(institutions, "institution"),
                        totalMillis / 1000.0)
                + String.format(
                        Locale.ROOT,
                        "accuracy on %s: federated %.4f, centralized %.4f%n",
                        Words.count(accuracy.testSamples(), "test window"),
                        accuracy.federated(),
                        accuracy.centralized())
                + String.format(
                        Locale.ROOT,
                        "settlement: %s paid out of %s minted%n",
                        Words.count(paid, "token"),
                        Words.count(minted, "token"))
                + "audit: " + (audit.clean() ? "CLEAN" : "VIOLATIONS") + " ("
                + Words.count(
                        audit.checks().stream()
                                .filter(AuditVerdict.Check::passed)
                                .count(),
                        "check")
                + " of " + audit.checks().size() + " passed)\n"
                + "model: " + modelFile + "\n";
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# FDC-Fabric demo\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Job `%s`: %s model, %s, %d of %d rounds, seed %d, %.1f s in all.%n%n",
                jobId,
                model,
                Words.count(institutions, "institution"),
                rounds.size(),
                roundBudget,
                seed,
                totalMillis / 1000.0));
        md.append("## Accuracy\n\n| model | accuracy on the pooled test splits |\n| --- | --- |\n");
        md.append(String.format(Locale.ROOT, "| federated | %.4f |%n", accuracy.federated()));
        md.append(
                String.format(Locale.ROOT, "| centralized (pooled governed data) | %.4f |%n", accuracy.centralized()));
        md.append(String.format(Locale.ROOT, "%n%d test windows.%n%n", accuracy.testSamples()));
        md.append("## Datasets\n\n| dataset | owner | governed records | train | test | Merkle root |\n");
        md.append("| --- | --- | --- | --- | --- | --- |\n");
        for (DatasetLine d : datasets) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | `%s` |%n",
                    d.datasetId(),
                    d.ownerMsp(),
                    d.governedRecords(),
                    d.trainSamples(),
                    d.testSamples(),
                    d.merkleRoot()));
        }
        md.append("\n## Rounds\n\n| round | participants | federated accuracy | train loss | distance |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        for (RoundLine r : rounds) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.4f | %s | %s |%n",
                    r.round(),
                    r.participants(),
                    r.federatedAccuracy(),
                    r.trainLoss() == null ? "" : r.trainLoss().toPlainString(),
                    r.distance().toPlainString()));
        }
        md.append(String.format(Locale.ROOT, "%n## Settlement%n%n%d tokens minted to the data user.%n%n", minted));
        md.append("| account | kind | amount | dataset | sample-rounds |\n| --- | --- | --- | --- | --- |\n");
        for (PayoutLine p : payouts) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %s |%n",
                    p.account(),
                    p.kind(),
                    p.amount(),
                    p.datasetId() == null ? "" : p.datasetId(),
                    p.sampleRounds() == null ? "" : p.sampleRounds()));
        }
        md.append("\n| wallet | balance |\n| --- | --- |\n");
        balances.forEach((account, balance) -> md.append("| " + account + " | " + balance + " |\n"));
        md.append("\n## Audit: ").append(audit.clean() ? "CLEAN" : "VIOLATIONS").append("\n\n");
        md.append("| check | result | covered |\n| --- | --- | --- |\n");
        for (AuditVerdict.Check check : audit.checks()) {
            md.append("| " + check.name() + " | " + (check.passed() ? "pass" : "FAIL") + " | " + check.covered()
                    + " |\n");
        }
        for (AuditVerdict.Check check : audit.checks()) {
            for (String violation : check.violations()) {
                md.append("- ")
                        .append(check.name())
                        .append(": ")
                        .append(violation)
                        .append('\n');
            }
        }
        md.append("\n## Time per phase\n\n| phase | seconds |\n| --- | --- |\n");
        for (PhaseClock.Phase phase : phases) {
            md.append(String.format(
                    Locale.ROOT, "| %d. %s | %.1f |%n", phase.number(), phase.name(), phase.millis() / 1000.0));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n## Model%n%n- file: `%s`%n- provenance: `%s`%n- final hash: `%s`%n",
                modelFile,
                provenanceFile,
                finalModelHash));
        return md.toString();
    }
}
