package org.fdcfabric.compute.chain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fdcfabric.compute.job.AggregationPlan;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.job.ModelSpec;
import org.fdcfabric.protocol.ucl.InputTransform.Scaling;

/**
 * A training plan as a job offer carries it on chain: the model family and every hyperparameter of the plan as
 * decimal strings (aggregation: {@code secure}, {@code aggregator}, {@code secureThreshold}, written only when not
 * the plain FedAvg default), so the data user's offer fixes how the providers' data will be used. The model's input and
 * output sizes are not written: they follow from the datasets' registered schema.
 */
public final class PlanTerms {
    static final String LOCAL_EPOCHS = "localEpochs";
    static final String LEARNING_RATE = "learningRate";
    static final String BATCH_SIZE = "batchSize";
    static final String PROX_MU = "proxMu";
    static final String CLIENT_FRACTION = "clientFraction";
    static final String MIN_QUORUM = "minQuorum";
    static final String ROUND_DEADLINE_MILLIS = "roundDeadlineMillis";
    static final String EPSILON = "epsilon";
    static final String SEED = "seed";
    static final String HIDDEN = "hidden";
    static final String FACTORS = "factors";
    static final String SECURE = ModelSpec.SECURE_TERM;
    static final String AGGREGATOR = ModelSpec.AGGREGATOR_TERM;
    static final String SECURE_THRESHOLD = "secureThreshold";
    /** {@code standardize} or {@code none}; absent means none, so offers made before the term keep their meaning. */
    static final String PREPROCESS = "preprocess";

    private PlanTerms() {}

    /** The offer's {@code model} for this plan. */
    public static ModelSpec toOffer(TrainingPlan plan) {
        Map<String, String> p = new TreeMap<>();
        p.put(LOCAL_EPOCHS, Integer.toString(plan.localEpochs()));
        p.put(LEARNING_RATE, decimal(plan.learningRate()));
        p.put(BATCH_SIZE, Integer.toString(plan.batchSize()));
        p.put(PROX_MU, decimal(plan.proxMu()));
        p.put(CLIENT_FRACTION, decimal(plan.clientFraction()));
        p.put(MIN_QUORUM, Integer.toString(plan.minQuorum()));
        p.put(ROUND_DEADLINE_MILLIS, Long.toString(plan.roundDeadline().toMillis()));
        p.put(EPSILON, decimal(plan.epsilon()));
        p.put(SEED, Long.toString(plan.seed()));
        if (!plan.spec().hidden().isEmpty()) {
            p.put(HIDDEN, plan.spec().hidden().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (plan.spec().factors() > 0) {
            p.put(FACTORS, Integer.toString(plan.spec().factors()));
        }
        AggregationPlan aggregation = plan.aggregation();
        if (aggregation.secure()) {
            p.put(SECURE, "true");
        }
        if (!aggregation.aggregator().isPlainFedAvg()) {
            p.put(AGGREGATOR, aggregation.aggregator().text());
        }
        if (aggregation.secureThreshold() != 0) {
            p.put(SECURE_THRESHOLD, Integer.toString(aggregation.secureThreshold()));
        }
        if (plan.preprocess() != Scaling.NONE) {
            p.put(PREPROCESS, plan.preprocess().name().toLowerCase(Locale.ROOT));
        }
        return new ModelSpec(plan.spec().family().wireName(), p);
    }

    /**
     * Reads the plan back from an offer's model for a schema of {@code features} inputs and {@code outputs}
     * outputs.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or malformed
     */
    public static TrainingPlan fromOffer(ModelSpec model, int features, int outputs) {
        Map<String, String> p = model.hyperparameters();
        ModelFamily family = ModelFamily.fromWireName(model.family());
        List<Integer> hidden = p.containsKey(HIDDEN)
                ? Arrays.stream(p.get(HIDDEN).split(","))
                        .map(h -> parse(HIDDEN, h, Integer::valueOf))
                        .toList()
                : List.of();
        int factors = p.containsKey(FACTORS) ? parse(FACTORS, p.get(FACTORS), Integer::valueOf) : 0;
        return new TrainingPlan(
                new ModelArchitecture(family, hidden, factors, features, outputs),
                parse(LOCAL_EPOCHS, required(p, LOCAL_EPOCHS), Integer::valueOf),
                parse(LEARNING_RATE, required(p, LEARNING_RATE), Double::valueOf),
                parse(BATCH_SIZE, required(p, BATCH_SIZE), Integer::valueOf),
                parse(PROX_MU, p.getOrDefault(PROX_MU, "0"), Double::valueOf),
                parse(CLIENT_FRACTION, p.getOrDefault(CLIENT_FRACTION, "1"), Double::valueOf),
                parse(MIN_QUORUM, p.getOrDefault(MIN_QUORUM, "1"), Integer::valueOf),
                Duration.ofMillis(parse(ROUND_DEADLINE_MILLIS, required(p, ROUND_DEADLINE_MILLIS), Long::valueOf)),
                parse(EPSILON, p.getOrDefault(EPSILON, "0"), Double::valueOf),
                parse(SEED, required(p, SEED), Long::valueOf),
                AggregationPlan.of(
                        secure(p.getOrDefault(SECURE, "false")),
                        p.getOrDefault(AGGREGATOR, "fedavg").strip(),
                        parse(SECURE_THRESHOLD, p.getOrDefault(SECURE_THRESHOLD, "0"), Integer::valueOf)),
                preprocess(p.getOrDefault(PREPROCESS, "none")));
    }

    private static Scaling preprocess(String value) {
        return switch (value.strip()) {
            case "standardize" -> Scaling.STANDARDIZE;
            case "none" -> Scaling.NONE;
            default ->
                throw new IllegalArgumentException(
                        "the job's " + PREPROCESS + " must be standardize or none: " + value);
        };
    }

    private static boolean secure(String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("the job's " + SECURE + " must be true or false: " + value);
        };
    }

    private static String required(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the job's model names no " + name);
        }
        return value;
    }

    private static <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the job's " + name + " is not a number: " + value);
        }
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
