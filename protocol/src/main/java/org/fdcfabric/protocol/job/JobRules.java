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
import java.util.regex.Pattern;
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

    private JobRules() {}

    public static JobOffer validateOffer(JobOffer offer) {
        present(offer, "INVALID_JOB", "job offer");
        matches(offer.jobId(), JOB_ID, "INVALID_JOB_ID", "jobId");
        datasetIds(offer.datasetIds());
        text(offer.purpose(), MAX_PURPOSE_CHARS, false, "INVALID_PURPOSE", "purpose");
        inRange(offer.tokensPerSample(), 1, Long.MAX_VALUE, "INVALID_AMOUNT", "tokensPerSample");
        inRange(offer.providerCap(), 1, Long.MAX_VALUE, "INVALID_AMOUNT", "providerCap");
        inRange(offer.computeFee(), 0, Long.MAX_VALUE - offer.providerCap(), "INVALID_AMOUNT", "computeFee");
        matches(offer.computeMsp(), InputChecks.MSP_ID, "INVALID_MSP_ID", "computeMsp");
        model(offer.model());
        inRange(offer.rounds(), 1, MAX_ROUNDS, "INVALID_ROUNDS", "rounds");
        present(offer.deadline(), "INVALID_DEADLINE", "deadline");
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

    /** Format rules of a round; that the round is the next one and its datasets accepted is the chaincode's. */
    public static RoundSubmission validateRound(RoundSubmission round) {
        present(round, "INVALID_ROUND", "round");
        inRange(round.round(), 1, MAX_ROUNDS, "INVALID_ROUND", "round");
        present(round.contributions(), "INVALID_CONTRIBUTIONS", "contributions");
        require(
                !round.contributions().isEmpty() && round.contributions().size() <= MAX_DATASETS,
                "INVALID_CONTRIBUTIONS",
                "between 1 and " + MAX_DATASETS + " contributions");
        Set<String> seen = new HashSet<>();
        for (UpdateCommitment c : round.contributions()) {
            present(c, "INVALID_CONTRIBUTIONS", "contribution");
            matches(c.datasetId(), UclRules.DATASET_ID, "INVALID_DATASET_ID", "contribution datasetId");
            require(seen.add(c.datasetId()), "DUPLICATE_DATASET", "dataset " + c.datasetId() + " contributed twice");
            inRange(c.samples(), 1, Long.MAX_VALUE, "INVALID_SAMPLES", "contribution samples");
            matches(c.commitment(), InputChecks.SHA256_HEX, "INVALID_COMMITMENT", "update commitment");
        }
        require(round.stragglers().size() <= MAX_DATASETS, "INVALID_STRAGGLERS", "too many stragglers");
        for (String id : round.stragglers()) {
            matches(id, UclRules.DATASET_ID, "INVALID_STRAGGLERS", "straggler datasetId");
            require(seen.add(id), "INVALID_STRAGGLERS", "dataset " + id + " is listed twice in the round");
        }
        matches(round.aggregateModelHash(), InputChecks.SHA256_HEX, "INVALID_MODEL_HASH", "aggregateModelHash");
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
        return round;
    }
}
