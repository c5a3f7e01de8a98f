package org.fdcfabric.benchmarks.aggregation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationConfig;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationOutcome;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationRound;
import org.fdcfabric.datacenter.masking.MaskingCenter;
import org.fdcfabric.datacenter.masking.MaskingParticipant;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.ShareKeys;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;
import org.fdcfabric.protocol.secagg.UnmaskingResponse;

/**
 * One aggregation round for N centers and a model of P parameters (default: 10 centers, FDC's MLP 180-1024-128-4 =
 * 180*1024 + 1024 + 1024*128 + 128 + 128*4 + 4 = 317,060 parameters), measured two ways in the same JVM on the same updates:
 *
 * <ul>
 *   <li>plain: each center seals its update with AES-256-GCM (as the federation's update cipher does), the
 *       coordinator opens every update and takes the sample-weighted mean;
 *   <li>secure: the full masking protocol (advertise, share keys, masked input, unmasking) with real P-256 keys.
 * </ul>
 *
 * Local training is the same in both and left out of the per-step times. Every step is timed per party; the report gives the sequential
 * total (one machine doing all parties' work), the round latency when centers work in parallel (slowest center per
 * step plus the coordinator), and the coordinator alone, each with its secure/plain ratio.
 *
 * <p>It then times one local epoch of FDC's MLP with the centers' own trainer on {@code --train-samples} windows
 * (0 skips it) and gives the latency ratio with that training added, which is what a round's wall time is.
 *
 * <p>Usage: {@code SecureAggregationBenchmark [--centers N] [--params P] [--rounds R] [--warmup W] [--dropouts D]
 * [--train-samples S]}
 */
public final class SecureAggregationBenchmark {
    private static final String CENTERS = "centers: ";
    private static final String COORDINATOR = "coordinator: ";

    private final int centers;
    private final int params;
    private final int dropouts;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, KeyPair> orgKeys = new TreeMap<>();
    private final Map<String, PublicKey> directory = new TreeMap<>();
    private final float[][] updates;
    private final long[] samples;
    private final SecureRandom random = new SecureRandom();
    private final byte[] jobKey = new byte[32];
    /** Job-scoped, like a real center's: ECDH secrets with peers are computed in the first round and reused. */
    private final Map<String, MaskingCenter> maskingCenters = new TreeMap<>();

    SecureAggregationBenchmark(int centers, int params, int dropouts) throws GeneralSecurityException {
        this.centers = centers;
        this.params = params;
        this.dropouts = dropouts;
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        Random data = new Random(2020);
        updates = new float[centers][params];
        samples = new long[centers];
        for (int i = 0; i < centers; i++) {
            String id = String.format(Locale.ROOT, "School%02dMSP", i);
            ids.add(id);
            KeyPair k = gen.generateKeyPair();
            orgKeys.put(id, k);
            directory.put(id, k.getPublic());
            samples[i] = 500 + data.nextInt(4500);
            for (int j = 0; j < params; j++) {
                updates[i][j] = (float) (data.nextGaussian() * 0.05);
            }
        }
        random.nextBytes(jobKey);
        for (String id : ids) {
            maskingCenters.put(
                    id,
                    new MaskingCenter(
                            id,
                            orgKeys.get(id).getPrivate(),
                            directory,
                            centers / 2 + 1,
                            FixedPointCodec.DEFAULT,
                            random));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new HashMap<>(Map.of(
                "--centers",
                10,
                "--params",
                180 * 1024 + 1024 + 1024 * 128 + 128 + 128 * 4 + 4,
                "--rounds",
                15,
                "--warmup",
                5,
                "--dropouts",
                0,
                "--train-samples",
                1000));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i], Integer.parseInt(args[i + 1]));
        }
        SecureAggregationBenchmark bench = new SecureAggregationBenchmark(
                options.get("--centers"), options.get("--params"), options.get("--dropouts"));
        bench.run(options.get("--warmup"), options.get("--rounds"), options.get("--train-samples"));
    }

    void run(int warmup, int rounds, int trainSamples) throws Exception {
        int threshold = centers / 2 + 1;
        System.out.printf(
                Locale.ROOT,
                "secure aggregation benchmark: %d centers, %,d parameters, threshold %d, %d dropout(s) after sharing,"
                        + " %d warm-up + %d measured rounds, %d cores, %s%n",
                centers,
                params,
                threshold,
                dropouts,
                warmup,
                rounds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + Runtime.version());
        PhaseTimes plain = new PhaseTimes();
        PhaseTimes secure = new PhaseTimes();
        double worstError = 0;
        for (int r = 0; r < warmup + rounds; r++) {
            PhaseTimes plainTarget = r < warmup ? new PhaseTimes() : plain;
            PhaseTimes secureTarget = r < warmup ? new PhaseTimes() : secure;
            // Collect before each run so neither pays for the other's garbage (the secure run leaves ~300 MB).
            System.gc();
            float[] reference = plainRound(r, plainTarget);
            System.gc();
            float[] masked = secureRound(r, threshold, secureTarget);
            for (int j = 0; j < params; j++) {
                worstError = Math.max(worstError, Math.abs(reference[j] - masked[j]));
            }
        }
        double training = trainSamples > 0 ? LocalTrainingClock.medianEpochMillis(trainSamples, 3) : 0;
        report(plain, secure, worstError, trainSamples, training);
    }

    /** Plain FedAvg with every update sealed in transit; returns the aggregate. */
    float[] plainRound(int round, PhaseTimes times) throws GeneralSecurityException {
        int participants = centers - dropouts;
        List<byte[][]> sealed = new ArrayList<>();
        long slowest = 0;
        long all = 0;
        for (int i = 0; i < participants; i++) {
            long start = System.nanoTime();
            ByteBuffer plaintext = ByteBuffer.allocate(params * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            plaintext.asFloatBuffer().put(updates[i]);
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = gcm(Cipher.ENCRYPT_MODE, nonce, round, i);
            sealed.add(new byte[][] {nonce, cipher.doFinal(plaintext.array())});
            long took = System.nanoTime() - start;
            slowest = Math.max(slowest, took);
            all += took;
        }
        times.add(CENTERS + "encode + AES-GCM seal (slowest)", slowest);
        times.add(CENTERS + "encode + AES-GCM seal (all)", all);

        long start = System.nanoTime();
        float[][] opened = new float[participants][];
        for (int i = 0; i < participants; i++) {
            byte[] plaintext =
                    gcm(Cipher.DECRYPT_MODE, sealed.get(i)[0], round, i).doFinal(sealed.get(i)[1]);
            opened[i] = new float[params];
            ByteBuffer.wrap(plaintext)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(opened[i]);
        }
        long openDone = System.nanoTime();
        double total = 0;
        for (int i = 0; i < participants; i++) {
            total += samples[i];
        }
        double[] sum = new double[params];
        for (int i = 0; i < participants; i++) {
            double w = samples[i] / total;
            float[] u = opened[i];
            for (int j = 0; j < params; j++) {
                sum[j] += w * u[j];
            }
        }
        float[] mean = new float[params];
        for (int j = 0; j < params; j++) {
            mean[j] = (float) sum[j];
        }
        long end = System.nanoTime();
        times.add(COORDINATOR + "AES-GCM open", openDone - start);
        times.add(COORDINATOR + "weighted mean", end - openDone);
        return mean;
    }

    private Cipher gcm(int mode, byte[] nonce, int round, int center) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(jobKey, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(("bench/" + round + "/" + center).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cipher;
    }

    /** The full masking protocol; returns the unmasked aggregate. */
    float[] secureRound(int round, int threshold, PhaseTimes times) {
        SessionId session = new SessionId("bench", round);
        SecureAggregationConfig config = SecureAggregationConfig.majority(centers, params);
        SecureAggregationRound coordinator = new SecureAggregationRound(session, config, directory);
        Map<String, MaskingParticipant> parties = new TreeMap<>();
        for (String id : ids) {
            parties.put(id, maskingCenters.get(id).join(session));
        }
        StepClock clock = new StepClock(times);

        List<AdvertiseKeys> advertisements = new ArrayList<>();
        clock.centers(
                "advertise (sign)",
                ids,
                id -> advertisements.add(parties.get(id).advertise()));
        List<AdvertiseKeys> roster = clock.coordinator("verify advertisements", () -> {
            advertisements.forEach(coordinator::accept);
            return coordinator.closeAdvertising().orElseThrow();
        });

        List<ShareKeys> shareKeys = new ArrayList<>();
        clock.centers(
                "share keys (verify roster, ECDH, HKDF, Shamir, seal)",
                ids,
                id -> shareKeys.add(parties.get(id).shareKeys(roster)));
        Map<String, List<EncryptedShares>> deliveries = clock.coordinator("check and relay shares", () -> {
            shareKeys.forEach(coordinator::accept);
            return coordinator.closeSharing().orElseThrow();
        });

        List<String> senders = ids.subList(0, centers - dropouts);
        List<MaskedInput> inputs = new ArrayList<>();
        clock.centers("mask (open shares, encode, PRG)", senders, id -> {
            int i = ids.indexOf(id);
            inputs.add(parties.get(id).maskedInput(deliveries.get(id), updates[i], samples[i]));
        });
        clock.coordinator("sum masked inputs", () -> {
            inputs.forEach(coordinator::accept);
            return null;
        });
        UnmaskingRequest request = clock.coordinator(
                "close masking", () -> coordinator.closeMasking().orElseThrow());

        List<UnmaskingResponse> responses = new ArrayList<>();
        clock.centers(
                "reveal shares", senders, id -> responses.add(parties.get(id).unmask(request)));
        SecureAggregationOutcome outcome = clock.coordinator("reconstruct seeds + remove masks + decode", () -> {
            responses.forEach(coordinator::accept);
            return coordinator.finish();
        });
        return outcome.aggregate()
                .orElseThrow(() -> new IllegalStateException(outcome.detail()))
                .mean();
    }

    private void report(PhaseTimes plain, PhaseTimes secure, double worstError, int trainSamples, double training) {
        System.out.println();
        System.out.println("median wall time per round, by step (ms):");
        System.out.println("  plain FedAvg");
        plain.phases().forEach(p -> System.out.printf(Locale.ROOT, "    %-62s %9.2f%n", p, plain.medianMillis(p)));
        System.out.println("  secure aggregation");
        secure.phases().forEach(p -> System.out.printf(Locale.ROOT, "    %-62s %9.2f%n", p, secure.medianMillis(p)));

        double plainCoordinator = sum(plain, COORDINATOR, "");
        double secureCoordinator = sum(secure, COORDINATOR, "");
        double plainLatency = plainCoordinator + sum(plain, CENTERS, "(slowest)");
        double secureLatency = secureCoordinator + sum(secure, CENTERS, "(slowest)");
        double plainTotal = plainCoordinator + sum(plain, CENTERS, "(all)");
        double secureTotal = secureCoordinator + sum(secure, CENTERS, "(all)");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-66s %9s %9s %7s%n", "per round (ms)", "plain", "secure", "ratio");
        line("round latency, centers in parallel (slowest center + coordinator)", plainLatency, secureLatency);
        line("coordinator alone", plainCoordinator, secureCoordinator);
        line("all parties' work on one machine (sequential)", plainTotal, secureTotal);
        line(
                "coordinator alone, if plain updates were not sealed (mean only)",
                plain.medianMillis(COORDINATOR + "weighted mean"),
                secureCoordinator);
        if (trainSamples > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "%nlocal training, one epoch of FDC's MLP on %,d windows (median of 3): %.1f ms%n",
                    trainSamples,
                    training);
            line("round latency including that local epoch", plainLatency + training, secureLatency + training);
        }
        System.out.printf(
                Locale.ROOT,
                "%nlargest |secure - plain| over all parameters and rounds: %.3g (stated bound: 2^-25 + float rounding)%n",
                worstError);
        System.out.printf(
                Locale.ROOT,
                "target <= 3.0x: aggregation alone (round latency without training) %s; round including training %s%n",
                secureLatency / plainLatency <= 3.0 ? "MET" : "NOT MET",
                trainSamples == 0
                        ? "not measured"
                        : (secureLatency + training) / (plainLatency + training) <= 3.0 ? "MET" : "NOT MET");
    }

    private static void line(String label, double plain, double secure) {
        System.out.printf(Locale.ROOT, "%-66s %9.2f %9.2f %6.2fx%n", label, plain, secure, secure / plain);
    }

    private static double sum(PhaseTimes times, String prefix, String suffix) {
        return times.phases().stream()
                .filter(p -> p.startsWith(prefix) && p.endsWith(suffix))
                .mapToDouble(times::medianMillis)
                .sum();
    }
}
