package org.fdcfabric.protocol.job;

import static org.fdcfabric.protocol.InputChecks.inRange;
import static org.fdcfabric.protocol.InputChecks.matches;
import static org.fdcfabric.protocol.InputChecks.present;
import static org.fdcfabric.protocol.InputChecks.require;
import static org.fdcfabric.protocol.InputChecks.text;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.ucl.UclRules;

/**
 * Format and size rules of job inputs. Rules that need ledger state (balances, passes, the transaction time) are
 * the chaincode's; these are the ones a client can check before submitting.
 */
public final class JobRules {
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final Pattern MODEL_FAMILY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MAX_DATASETS = 64;
    public static final int MAX_PURPOSE_CHARS = 256;
    public static final int MAX_HYPERPARAMETERS = 32;
    public static final int MAX_PARAMETER_VALUE_CHARS = 128;
    public static final int MAX_METRICS = 32;
    public static final int MAX_METRIC_DIGITS = 38;
    public static final long MAX_ROUNDS = 10_000;
    public static final Pattern AGGREGATOR = Pattern.compile("[a-z][a-z-]{0,31}");
    public static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?");
    public static final Pattern FAILURE = Pattern.compile("[A-Z][A-Z_]{0,63}");
    public static final int MAX_AGGREGATION_PARAMETERS = 8;
    public static final int MAX_REASON_CHARS = 256;
    public static final String INVALID_FAILURE_REASON = "INVALID_FAILURE_REASON";
    /** A contribution without its center's signature over the round's usage, or one that does not verify. */
    public static final String ROUND_NOT_CORROBORATED = ErrorCode.ROUND_NOT_CORROBORATED.name();

    public static final String INVALID_USAGE_SIGNATURE = "INVALID_USAGE_SIGNATURE";
    private static final Set<String> FLAG_VERDICTS = Set.of("CLIPPED", "TRIMMED", "REJECTED");

    private JobRules() {}

    /** Why a job failed: one line of at most {@link #MAX_REASON_CHARS} characters, not blank. */
    public static String validateFailureReason(String reason) {
        return text(reason, MAX_REASON_CHARS, false, INVALID_FAILURE_REASON, "reason");
    }

    public static JobOffer validateOffer(JobOffer offer) {
        present(offer, "INVALID_JOB", "job offer");
        matches(offer.jobId(), JOB_ID, "INVALID_JOB_ID", "jobId");
        datasetIds(offer.datasetIds());
        text(offer.purpose(), MAX_PURPOSE_CHARS, false, "INVALID_PURPOSE", "purpose");
        inRange(offer.tokensPerSample(), 1, Long.MAX_VALUE, ErrorCode.INVALID_AMOUNT.name(), "tokensPerSample");
        inRange(offer.providerCap(), 1, Long.MAX_VALUE, ErrorCode.INVALID_AMOUNT.name(), "providerCap");
        inRange(
                offer.computeFee(),
                0,
                Long.MAX_VALUE - offer.providerCap(),
                ErrorCode.INVALID_AMOUNT.name(),
                "computeFee");
        matches(offer.computeMsp(), InputChecks.MSP_ID, ErrorCode.INVALID_MSP_ID.name(), "computeMsp");
        model(offer.model());
        inRange(offer.rounds(), 1, MAX_ROUNDS, ErrorCode.INVALID_ROUNDS.name(), "rounds");
        present(offer.deadline(), ErrorCode.INVALID_DEADLINE.name(), "deadline");
        return offer;
    }

    private static void datasetIds(List<String> ids) {
        present(ids, "INVALID_DATASET_ID", "datasetIds");
        require(
                !ids.isEmpty() && ids.size() <= MAX_DATASETS,
                "INVALID_DATASET_ID",
                "between 1 and " + MAX_DATASETS + " datasets");
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            matches(id, UclRules.DATASET_ID, "INVALID_DATASET_ID", "datasetId");
            require(seen.add(id), "DUPLICATE_DATASET", "dataset " + id + " is listed twice");
        }
    }

    private static void model(ModelSpec model) {
        present(model, "INVALID_MODEL_SPEC", "model");
        matches(model.family(), MODEL_FAMILY, "INVALID_MODEL_SPEC", "model.family");
        require(
                model.hyperparameters().size() <= MAX_HYPERPARAMETERS,
                "INVALID_MODEL_SPEC",
                "at most " + MAX_HYPERPARAMETERS + " hyperparameters");
        for (Map.Entry<String, String> e : model.hyperparameters().entrySet()) {
            matches(e.getKey(), PARAMETER_NAME, "INVALID_MODEL_SPEC", "hyperparameter name");
            text(e.getValue(), MAX_PARAMETER_VALUE_CHARS, false, "INVALID_MODEL_SPEC", "hyperparameter " + e.getKey());
        }
    }

    /**
     * Format rules of a round; that the round is the next one and its datasets accepted is the chaincode's. A
     * failed secure round has no contributions; every other round has between 1 and {@value #MAX_DATASETS}.
     */
    public static RoundSubmission validateRound(RoundSubmission round) {
        present(round, "INVALID_ROUND", "round");
        inRange(round.round(), 1, MAX_ROUNDS, "INVALID_ROUND", "round");
        present(round.contributions(), "INVALID_CONTRIBUTIONS", "contributions");
        boolean failed = round.aggregation() != null && round.aggregation().failed();
        require(
                failed
                        ? round.contributions().isEmpty()
                        : !round.contributions().isEmpty(),
                "INVALID_CONTRIBUTIONS",
                failed ? "a failed round has no contributions" : "a round has at least one contribution");
        require(
                round.contributions().size() <= MAX_DATASETS,
                "INVALID_CONTRIBUTIONS",
                "at most " + MAX_DATASETS + " contributions");
        Set<String> seen = new HashSet<>();
        for (UpdateCommitment c : round.contributions()) {
            present(c, "INVALID_CONTRIBUTIONS", "contribution");
            matches(c.datasetId(), UclRules.DATASET_ID, "INVALID_DATASET_ID", "contribution datasetId");
            require(seen.add(c.datasetId()), "DUPLICATE_DATASET", "dataset " + c.datasetId() + " contributed twice");
            inRange(c.samples(), 1, Long.MAX_VALUE, ErrorCode.INVALID_SAMPLES.name(), "contribution samples");
            matches(c.commitment(), InputChecks.SHA256_HEX, "INVALID_COMMITMENT", "update commitment");
            usage(c);
        }
        require(round.stragglers().size() <= MAX_DATASETS, "INVALID_STRAGGLERS", "too many stragglers");
        for (String id : round.stragglers()) {
            matches(id, UclRules.DATASET_ID, "INVALID_STRAGGLERS", "straggler datasetId");
            require(seen.add(id), "INVALID_STRAGGLERS", "dataset " + id + " is listed twice in the round");
        }
        matches(round.aggregateModelHash(), InputChecks.SHA256_HEX, "INVALID_MODEL_HASH", "aggregateModelHash");
        require(
                round.progress() != null || round.contributions().isEmpty(),
                "INVALID_PROGRESS",
                "a round with contributions names the model it started from (progress.previousModelHash): its"
                        + " centers signed it");
        require(round.metrics().size() <= MAX_METRICS, "INVALID_METRICS", "at most " + MAX_METRICS + " metrics");
        for (Map.Entry<String, BigDecimal> m : round.metrics().entrySet()) {
            matches(m.getKey(), PARAMETER_NAME, "INVALID_METRICS", "metric name");
            present(m.getValue(), "INVALID_METRICS", "metric " + m.getKey());
            require(
                    m.getValue().precision() <= MAX_METRIC_DIGITS
                            && Math.abs(m.getValue().scale()) <= MAX_METRIC_DIGITS,
                    "INVALID_METRICS",
                    "metric " + m.getKey() + " has more than " + MAX_METRIC_DIGITS + " digits");
        }
        if (round.aggregation() != null) {
            aggregation(round.aggregation(), round.contributions());
        }
        if (round.progress() != null) {
            progress(round.progress());
        }
        return round;
    }

    /** Every contribution carries its center's signature; whether it verifies is the chaincode's to check. */
    private static void usage(UpdateCommitment c) {
        require(
                c.usage() != null,
                ROUND_NOT_CORROBORATED,
                "the contribution of " + c.datasetId() + " carries no signature of its center");
        matches(c.usage().centerKey(), InputChecks.SHA256_HEX, INVALID_USAGE_SIGNATURE, "usage centerKey");
        matches(c.usage().signature(), UsageSignatures.SIGNATURE, INVALID_USAGE_SIGNATURE, "usage signature");
    }

    private static void progress(RoundProgress p) {
        String code = "INVALID_PROGRESS";
        matches(p.previousModelHash(), InputChecks.SHA256_HEX, code, "previousModelHash");
        present(p.distance(), code, "distance");
        require(p.distance().signum() >= 0, code, "distance must not be negative");
        require(
                p.distance().precision() <= MAX_METRIC_DIGITS
                        && Math.abs(p.distance().scale()) <= MAX_METRIC_DIGITS,
                code,
                "distance has more than " + MAX_METRIC_DIGITS + " digits");
    }

    private static void aggregation(RoundAggregation a, List<UpdateCommitment> contributions) {
        String code = "INVALID_AGGREGATION";
        require(
                RoundAggregation.PLAIN.equals(a.mode()) || RoundAggregation.SECURE.equals(a.mode()),
                code,
                "mode must be plain or secure");
        matches(a.aggregator(), AGGREGATOR, code, "aggregator");
        require(
                a.parameters().size() <= MAX_AGGREGATION_PARAMETERS,
                code,
                "at most " + MAX_AGGREGATION_PARAMETERS + " aggregation parameters");
        for (Map.Entry<String, String> p : a.parameters().entrySet()) {
            matches(p.getKey(), PARAMETER_NAME, code, "aggregation parameter name");
            matches(p.getValue(), DECIMAL, code, "aggregation parameter " + p.getKey());
        }
        require(
                RoundAggregation.COMPLETED.equals(a.status()) || RoundAggregation.FAILED.equals(a.status()),
                code,
                "status must be COMPLETED or FAILED");
        Set<String> contributors = new TreeSet<>();
        contributions.forEach(c -> contributors.add(c.datasetId()));
        if (a.secureMode()) {
            require(a.aggregator().equals("fedavg"), code, "secure aggregation computes fedavg only");
            require(a.flagged().isEmpty(), code, "a secure round sees no single update, so it flags none");
            secure(present(a.secure(), code, "secure"), a.failed(), contributors);
        } else {
            require(a.secure() == null, code, "a plain round has no secure summary");
            require(!a.failed(), code, "only a secure round is recorded as failed");
        }
        require(a.flagged().size() <= MAX_DATASETS, code, "too many flagged updates");
        Set<String> seen = new HashSet<>();
        for (FlaggedUpdate f : a.flagged()) {
            present(f, code, "flagged update");
            matches(f.datasetId(), UclRules.DATASET_ID, code, "flagged datasetId");
            require(seen.add(f.datasetId()), code, "dataset " + f.datasetId() + " flagged twice");
            require(
                    contributors.contains(f.datasetId()),
                    code,
                    "flagged dataset " + f.datasetId() + " is not a contribution of the round");
            require(FLAG_VERDICTS.contains(f.verdict()), code, "flag verdict must be one of " + FLAG_VERDICTS);
            text(f.reason(), MAX_REASON_CHARS, false, code, "flag reason");
            if (f.norm() != null) {
                require(
                        f.norm().signum() >= 0
                                && f.norm().precision() <= MAX_METRIC_DIGITS
                                && Math.abs(f.norm().scale()) <= MAX_METRIC_DIGITS,
                        code,
                        "flag norm must be a non-negative decimal of at most " + MAX_METRIC_DIGITS + " digits");
            }
        }
    }

    private static void secure(SecureRoundSummary s, boolean failed, Set<String> contributors) {
        String code = "INVALID_AGGREGATION";
        inRange(s.threshold(), 2, MAX_DATASETS, code, "secure threshold");
        List<String> advertised = centers(s.advertised(), "advertised");
        List<String> survivors = centers(s.survivors(), "survivors");
        List<String> dropped = centers(s.dropped(), "dropped");
        List<String> responders = centers(s.responders(), "responders");
        List<String> wrong = centers(s.wrongShareHolders(), "wrongShareHolders");
        require(advertised.containsAll(survivors), code, "every survivor advertised keys");
        require(advertised.containsAll(dropped), code, "every dropped center advertised keys");
        require(survivors.stream().noneMatch(dropped::contains), code, "a center both survived and dropped");
        require(survivors.containsAll(responders), code, "only survivors reveal shares");
        require(responders.containsAll(wrong), code, "only responders can reveal wrong shares");
        if (failed) {
            matches(s.failure(), FAILURE, code, "secure failure");
        } else {
            require(s.failure() == null, code, "a completed round has no failure");
            require(survivors.size() >= s.threshold(), code, "a completed round has at least threshold survivors");
            require(
                    new TreeSet<>(survivors).equals(contributors),
                    code,
                    "the contributions of a secure round are exactly its survivors");
        }
    }

    private static List<String> centers(List<String> ids, String field) {
        String code = "INVALID_AGGREGATION";
        present(ids, code, "secure." + field);
        require(ids.size() <= MAX_DATASETS, code, "secure." + field + " lists too many centers");
        for (int i = 0; i < ids.size(); i++) {
            matches(ids.get(i), UclRules.DATASET_ID, code, "secure." + field);
            require(
                    i == 0 || ids.get(i - 1).compareTo(ids.get(i)) < 0,
                    code,
                    "secure." + field + " must be sorted and without repeats");
        }
        return ids;
    }
}
