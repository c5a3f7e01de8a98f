package org.fdcfabric.protocol.job;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A job's training terms, typed: what {@link ModelSpec#hyperparameters()} carries on chain as decimal strings. One
 * definition of every term's name, default and format, so the data user's offer, the compute node and an auditor
 * read the same terms. The wire form is the flat string map of earlier offers (existing names and formats
 * unchanged); terms at their default are not written, so an offer written before a term existed still parses and
 * means what it meant.
 *
 * @param family the model family's wire name ({@code logistic}, {@code fm}, {@code linear}, {@code mlp})
 * @param hidden the mlp's hidden layer widths (empty for other families)
 * @param factors the factorization machine's factor size (0 for other families)
 * @param roundDeadlineMillis how long a round waits for updates
 * @param secure secure aggregation (pairwise masks)
 * @param aggregator the aggregation rule, {@code name[:key=value,...]}
 * @param secureThreshold t of secure aggregation, 0 for a strict majority
 * @param serverOptimizer how the coordinator applies each round's aggregate to the global model
 * @param schedule the clients' learning rate per round
 */
public record TrainingTerms(
        String family,
        List<Integer> hidden,
        int factors,
        int localEpochs,
        double learningRate,
        int batchSize,
        double proxMu,
        double clientFraction,
        int minQuorum,
        long roundDeadlineMillis,
        double epsilon,
        long seed,
        boolean secure,
        String aggregator,
        int secureThreshold,
        ServerOptimizerTerms serverOptimizer,
        ScheduleTerms schedule) {
    public static final String LOCAL_EPOCHS = "localEpochs";
    public static final String LEARNING_RATE = "learningRate";
    public static final String BATCH_SIZE = "batchSize";
    public static final String PROX_MU = "proxMu";
    public static final String CLIENT_FRACTION = "clientFraction";
    public static final String MIN_QUORUM = "minQuorum";
    public static final String ROUND_DEADLINE_MILLIS = "roundDeadlineMillis";
    public static final String EPSILON = "epsilon";
    public static final String SEED = "seed";
    public static final String HIDDEN = "hidden";
    public static final String FACTORS = "factors";
    public static final String SECURE = ModelSpec.SECURE_TERM;
    public static final String AGGREGATOR = ModelSpec.AGGREGATOR_TERM;
    public static final String SECURE_THRESHOLD = "secureThreshold";
    public static final String SERVER_OPTIMIZER = "serverOptimizer";
    public static final String SERVER_LEARNING_RATE = "serverLearningRate";
    public static final String SERVER_BETA1 = "serverBeta1";
    public static final String SERVER_BETA2 = "serverBeta2";
    public static final String SERVER_TAU = "serverTau";
    public static final String LR_SCHEDULE = "lrSchedule";
    public static final String LR_STEP_ROUNDS = "lrStepRounds";
    public static final String LR_DECAY = "lrDecay";
    public static final String LR_MIN = "lrMin";

    public TrainingTerms {
        Objects.requireNonNull(family, "family");
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(serverOptimizer, "serverOptimizer");
        Objects.requireNonNull(schedule, "schedule");
    }

    /** The offer's {@code model}: the family and every term as a decimal string, defaults left out. */
    public ModelSpec toModelSpec() {
        Map<String, String> p = new TreeMap<>();
        p.put(LOCAL_EPOCHS, Integer.toString(localEpochs));
        p.put(LEARNING_RATE, decimal(learningRate));
        p.put(BATCH_SIZE, Integer.toString(batchSize));
        p.put(PROX_MU, decimal(proxMu));
        p.put(CLIENT_FRACTION, decimal(clientFraction));
        p.put(MIN_QUORUM, Integer.toString(minQuorum));
        p.put(ROUND_DEADLINE_MILLIS, Long.toString(roundDeadlineMillis));
        p.put(EPSILON, decimal(epsilon));
        p.put(SEED, Long.toString(seed));
        if (!hidden.isEmpty()) {
            p.put(HIDDEN, hidden.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (factors > 0) {
            p.put(FACTORS, Integer.toString(factors));
        }
        if (secure) {
            p.put(SECURE, "true");
        }
        if (!aggregator.equals("fedavg")) {
            p.put(AGGREGATOR, aggregator);
        }
        if (secureThreshold != 0) {
            p.put(SECURE_THRESHOLD, Integer.toString(secureThreshold));
        }
        serverOptimizer.write(p);
        schedule.write(p);
        return new ModelSpec(family, p);
    }

    /**
     * Reads the terms of an offer's model.
     *
     * @throws IllegalArgumentException naming the term that is missing or malformed
     */
    public static TrainingTerms fromModelSpec(ModelSpec model) {
        Map<String, String> p = model.hyperparameters();
        List<Integer> hidden = p.containsKey(HIDDEN)
                ? Arrays.stream(p.get(HIDDEN).split(","))
                        .map(h -> parse(HIDDEN, h, Integer::valueOf))
                        .toList()
                : List.of();
        return new TrainingTerms(
                model.family(),
                hidden,
                parse(FACTORS, p.getOrDefault(FACTORS, "0"), Integer::valueOf),
                parse(LOCAL_EPOCHS, required(p, LOCAL_EPOCHS), Integer::valueOf),
                parse(LEARNING_RATE, required(p, LEARNING_RATE), Double::valueOf),
                parse(BATCH_SIZE, required(p, BATCH_SIZE), Integer::valueOf),
                parse(PROX_MU, p.getOrDefault(PROX_MU, "0"), Double::valueOf),
                parse(CLIENT_FRACTION, p.getOrDefault(CLIENT_FRACTION, "1"), Double::valueOf),
                parse(MIN_QUORUM, p.getOrDefault(MIN_QUORUM, "1"), Integer::valueOf),
                parse(ROUND_DEADLINE_MILLIS, required(p, ROUND_DEADLINE_MILLIS), Long::valueOf),
                parse(EPSILON, p.getOrDefault(EPSILON, "0"), Double::valueOf),
                parse(SEED, required(p, SEED), Long::valueOf),
                bool(SECURE, p.getOrDefault(SECURE, "false")),
                p.getOrDefault(AGGREGATOR, "fedavg").strip(),
                parse(SECURE_THRESHOLD, p.getOrDefault(SECURE_THRESHOLD, "0"), Integer::valueOf),
                ServerOptimizerTerms.read(p),
                ScheduleTerms.read(p));
    }

    /** The server optimizers of Reddi et al. 2021, "Adaptive Federated Optimization" (ICLR). */
    public enum ServerOptimizerKind {
        /** x_t = the aggregate: plain FedAvg (server learning rate 1, no state). */
        NONE,
        /** v_t = beta2 v_(t-1) + (1 - beta2) delta^2. */
        FEDADAM,
        /** v_t = v_(t-1) - (1 - beta2) delta^2 sign(v_(t-1) - delta^2): v grows and shrinks additively. */
        FEDYOGI;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ServerOptimizerKind fromWireName(String name) {
            return Arrays.stream(values())
                    .filter(k -> k.wireName().equals(name.strip()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "the job's " + SERVER_OPTIMIZER + " is '" + name + "'; expected none, fedadam or fedyogi"));
        }
    }

    /**
     * The server optimizer: the aggregate minus the global model is the round's pseudo-gradient delta; with m and v
     * per parameter, {@code m = beta1 m + (1 - beta1) delta}, v by the kind's rule, {@code x = x + learningRate m /
     * (sqrt(v) + tau)}; m starts at 0 and v at tau^2 (the paper's Algorithm 2).
     */
    public record ServerOptimizerTerms(
            ServerOptimizerKind kind, double learningRate, double beta1, double beta2, double tau) {
        /** Plain FedAvg: the aggregate is the next global model. */
        public static final ServerOptimizerTerms NONE = new ServerOptimizerTerms(ServerOptimizerKind.NONE, 1, 0, 0, 0);

        public ServerOptimizerTerms {
            Objects.requireNonNull(kind, "kind");
            if (kind == ServerOptimizerKind.NONE) {
                if (learningRate != 1 || beta1 != 0 || beta2 != 0 || tau != 0) {
                    throw new IllegalArgumentException("without a server optimizer there are no server terms");
                }
            } else {
                check(SERVER_LEARNING_RATE, learningRate > 0 && learningRate <= 10, "in (0, 10]", learningRate);
                check(SERVER_BETA1, beta1 >= 0 && beta1 < 1, "in [0, 1)", beta1);
                check(SERVER_BETA2, beta2 >= 0 && beta2 < 1, "in [0, 1)", beta2);
                check(SERVER_TAU, tau > 0 && tau <= 1, "in (0, 1]", tau);
            }
        }

        /** The paper's defaults for the adaptive kinds: beta1 0.9, beta2 0.99, tau 1e-3. */
        public static ServerOptimizerTerms of(ServerOptimizerKind kind, double learningRate) {
            return kind == ServerOptimizerKind.NONE
                    ? NONE
                    : new ServerOptimizerTerms(kind, learningRate, 0.9, 0.99, 1e-3);
        }

        void write(Map<String, String> p) {
            if (kind == ServerOptimizerKind.NONE) {
                return;
            }
            p.put(SERVER_OPTIMIZER, kind.wireName());
            p.put(SERVER_LEARNING_RATE, decimal(learningRate));
            p.put(SERVER_BETA1, decimal(beta1));
            p.put(SERVER_BETA2, decimal(beta2));
            p.put(SERVER_TAU, decimal(tau));
        }

        static ServerOptimizerTerms read(Map<String, String> p) {
            ServerOptimizerKind kind = ServerOptimizerKind.fromWireName(p.getOrDefault(SERVER_OPTIMIZER, "none"));
            if (kind == ServerOptimizerKind.NONE) {
                for (String term : List.of(SERVER_LEARNING_RATE, SERVER_BETA1, SERVER_BETA2, SERVER_TAU)) {
                    if (p.containsKey(term)) {
                        throw new IllegalArgumentException(
                                "the job sets " + term + " but names no " + SERVER_OPTIMIZER);
                    }
                }
                return NONE;
            }
            return new ServerOptimizerTerms(
                    kind,
                    parse(SERVER_LEARNING_RATE, required(p, SERVER_LEARNING_RATE), Double::valueOf),
                    parse(SERVER_BETA1, required(p, SERVER_BETA1), Double::valueOf),
                    parse(SERVER_BETA2, required(p, SERVER_BETA2), Double::valueOf),
                    parse(SERVER_TAU, required(p, SERVER_TAU), Double::valueOf));
        }
    }

    /** How the clients' learning rate changes from round to round. */
    public enum ScheduleKind {
        /** The base rate every round. */
        CONSTANT,
        /** base x decay^floor((r - 1) / stepRounds). */
        STEP,
        /** base x decay^(r - 1). */
        EXPONENTIAL,
        /** min + (base - min) (1 + cos(pi (r - 1) / R)) / 2 over the job's R rounds. */
        COSINE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ScheduleKind fromWireName(String name) {
            return Arrays.stream(values())
                    .filter(k -> k.wireName().equals(name.strip()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the job's " + LR_SCHEDULE + " is '" + name
                            + "'; expected constant, step, exponential or cosine"));
        }
    }

    /**
     * A learning-rate schedule for the clients.
     *
     * @param stepRounds rounds per step ({@code step} only, else 0)
     * @param decay factor per step or round ({@code step}, {@code exponential}; else 0)
     * @param min the rate the cosine ends near ({@code cosine}; else 0)
     */
    public record ScheduleTerms(ScheduleKind kind, int stepRounds, double decay, double min) {
        public static final ScheduleTerms CONSTANT = new ScheduleTerms(ScheduleKind.CONSTANT, 0, 0, 0);

        public ScheduleTerms {
            Objects.requireNonNull(kind, "kind");
            switch (kind) {
                case CONSTANT -> {
                    if (stepRounds != 0 || decay != 0 || min != 0) {
                        throw new IllegalArgumentException("a constant " + LR_SCHEDULE + " takes no " + LR_STEP_ROUNDS
                                + ", " + LR_DECAY + " or " + LR_MIN);
                    }
                }
                case STEP -> {
                    check(LR_STEP_ROUNDS, stepRounds >= 1 && stepRounds <= 10_000, "in 1..10000", stepRounds);
                    check(LR_DECAY, decay > 0 && decay <= 1, "in (0, 1]", decay);
                    check(LR_MIN, min == 0, "unset for step", min);
                }
                case EXPONENTIAL -> {
                    check(LR_STEP_ROUNDS, stepRounds == 0, "unset for exponential", stepRounds);
                    check(LR_DECAY, decay > 0 && decay <= 1, "in (0, 1]", decay);
                    check(LR_MIN, min == 0, "unset for exponential", min);
                }
                case COSINE -> {
                    check(LR_STEP_ROUNDS, stepRounds == 0, "unset for cosine", stepRounds);
                    check(LR_DECAY, decay == 0, "unset for cosine", decay);
                    check(LR_MIN, min >= 0 && min <= 10, "in [0, 10]", min);
                }
            }
        }

        /**
         * The clients' learning rate in round {@code round} (1-based) of a job of {@code rounds} rounds. StrictMath,
         * so every platform computes the same rate.
         */
        public double rateAt(double base, int round, int rounds) {
            if (round < 1 || rounds < 1) {
                throw new IllegalArgumentException("rounds count from 1, was round " + round + " of " + rounds);
            }
            return switch (kind) {
                case CONSTANT -> base;
                case STEP -> base * StrictMath.pow(decay, (round - 1) / stepRounds);
                case EXPONENTIAL -> base * StrictMath.pow(decay, round - 1);
                case COSINE -> {
                    double low = Math.min(min, base);
                    yield low + (base - low) * (1 + StrictMath.cos(StrictMath.PI * (round - 1) / rounds)) / 2;
                }
            };
        }

        void write(Map<String, String> p) {
            if (kind == ScheduleKind.CONSTANT) {
                return;
            }
            p.put(LR_SCHEDULE, kind.wireName());
            if (stepRounds != 0) {
                p.put(LR_STEP_ROUNDS, Integer.toString(stepRounds));
            }
            if (decay != 0) {
                p.put(LR_DECAY, decimal(decay));
            }
            if (min != 0) {
                p.put(LR_MIN, decimal(min));
            }
        }

        static ScheduleTerms read(Map<String, String> p) {
            return new ScheduleTerms(
                    ScheduleKind.fromWireName(p.getOrDefault(LR_SCHEDULE, "constant")),
                    parse(LR_STEP_ROUNDS, p.getOrDefault(LR_STEP_ROUNDS, "0"), Integer::valueOf),
                    parse(LR_DECAY, p.getOrDefault(LR_DECAY, "0"), Double::valueOf),
                    parse(LR_MIN, p.getOrDefault(LR_MIN, "0"), Double::valueOf));
        }
    }

    private static void check(String term, boolean ok, String range, double value) {
        if (!ok) {
            throw new IllegalArgumentException("the job's " + term + " must be " + range + ", was " + decimal(value));
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("the job's " + name + " must be true or false: " + value);
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

    /** Plain decimal, trailing zeros stripped: the wire form of every fractional term (canonical JSON has no floats). */
    static String decimal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a term must be a finite number, was " + value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
