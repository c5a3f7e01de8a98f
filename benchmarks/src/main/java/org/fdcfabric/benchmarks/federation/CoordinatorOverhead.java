package org.fdcfabric.benchmarks.federation;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.fdcfabric.compute.coordinator.Coordinator;
import org.fdcfabric.compute.coordinator.CoordinatorIdentity;
import org.fdcfabric.compute.coordinator.JobResult;
import org.fdcfabric.compute.coordinator.ModelStore;
import org.fdcfabric.compute.coordinator.RoundListener;
import org.fdcfabric.compute.coordinator.RoundReport;
import org.fdcfabric.compute.job.JobAssignment;
import org.fdcfabric.compute.job.TrainingPlan;
import org.fdcfabric.compute.job.UclAddress;
import org.fdcfabric.datacenter.federation.Caller;
import org.fdcfabric.datacenter.federation.CenterDataset;
import org.fdcfabric.experiment.ExperimentLedger;
import org.fdcfabric.experiment.InProcessCenters;
import org.fdcfabric.experiment.WearableExperimentData;
import org.fdcfabric.learning.crypto.SealedBox;
import org.fdcfabric.learning.crypto.UpdateCipher;
import org.fdcfabric.learning.tabular.Preprocessing;
import org.fdcfabric.learning.training.LocalDataset;
import org.fdcfabric.learning.training.MlpTrainer;
import org.fdcfabric.learning.training.ModelArchitecture;
import org.fdcfabric.learning.training.ModelInitializer;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.learning.training.Trainers;
import org.fdcfabric.learning.training.TrainingConfig;

/**
 * The coordinator's overhead per round for 10 centers x FDC's MLP on wearable data (about 2,400 windows per
 * center, one local epoch), against one center's local training time measured standalone (one center alone,
 * before the federation runs, so ten centers sharing this machine's cores do not inflate the denominator).
 *
 * <p>Two figures per round: the critical path (wall time the coordinator adds to the round: sending the requests,
 * then from the last update's arrival until the round is recorded; updates that arrived earlier are opened while
 * the coordinator waits) and the coordinator's CPU time over all its threads (every update's intake included),
 * which other processes on a shared machine cannot inflate. The first round is warm-up. Target: critical path at
 * most 10% of local training time. Also compares the AES-GCM engines on one update.
 *
 * <p>Arguments (optional): rounds (default 6), transport {@code loopback} (default: Netty over TCP on 127.0.0.1,
 * so every request and update is marshalled) or {@code in-process} (no serialization).
 */
public final class CoordinatorOverhead {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        InProcessCenters.Transport transport = args.length > 1
                ? InProcessCenters.Transport.valueOf(
                        args[1].toUpperCase(Locale.ROOT).replace('-', '_'))
                : InProcessCenters.Transport.LOOPBACK;
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        List<CenterDataset> centers = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            for (CenterDataset school : WearableExperimentData.build(seed, 7, 1, 1)) {
                centers.add(new CenterDataset(school.datasetId() + "-" + seed, school.train(), school.test()));
            }
        }
        ModelArchitecture spec = ModelArchitecture.fdcMlp();
        String schemaHash = centers.get(0).train().schema().hash();
        TrainingPlan plan = new TrainingPlan(spec, 1, 0.01, 32, 0, 1.0, 10, Duration.ofMinutes(30), 0, 7);

        ModelWeights initial = new ModelInitializer().initial(spec, schemaHash, 7);
        TrainingConfig config = new TrainingConfig(1, 0.01, 32, 0, 1);
        new MlpTrainer().train(initial, modelRows(centers.get(0)), config); // warm-up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double localSeconds = 0;
        double localCpuSeconds = 0;
        int measured = 3;
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            new MlpTrainer().train(initial, modelRows(centers.get(i)), config);
            localSeconds += (System.nanoTime() - start) / 1e9;
            localCpuSeconds += (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        }
        localSeconds /= measured;
        localCpuSeconds /= measured;

        ExperimentLedger ledger = new ExperimentLedger(Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (CenterDataset center : centers) {
            ids.add(center.datasetId());
            ledger.registerUcl(new UclAddress(
                    center.datasetId(),
                    "Org" + ids.size() + "MSP",
                    InProcessCenters.address("overhead", center.datasetId()),
                    center.train().schema(),
                    "0".repeat(64)));
        }
        JobAssignment job = new JobAssignment("overhead", "benchmark", "ComputeMSP", ids, rounds, plan);
        ledger.createJob(job, Instant.now().plus(Duration.ofDays(1)));
        KeyPair keys = InProcessCenters.p256();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JobResult result;
        try (InProcessCenters inProcess = new InProcessCenters(
                "overhead",
                centers,
                ledger,
                new Caller("ComputeMSP", keys.getPublic()),
                id -> Trainers::forFamily,
                transport)) {
            result = new Coordinator(
                            ledger,
                            inProcess,
                            new ModelStore(Files.createTempDirectory("fdc-overhead")),
                            new CoordinatorIdentity("ComputeMSP", keys),
                            meters,
                            RoundListener.NONE)
                    .run(job.jobId());
        }

        System.out.printf(
                Locale.ROOT,
                "10 centers x FDC MLP (%,d parameters), %d-%d training windows per center, transport %s, %d cores%n",
                spec.parameterCount(),
                centers.stream().mapToInt(c -> c.train().size()).min().orElseThrow(),
                centers.stream().mapToInt(c -> c.train().size()).max().orElseThrow(),
                transport.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "local training, one center, one epoch, standalone: %.3f s wall, %.3f s CPU%n",
                localSeconds,
                localCpuSeconds);
        double pathSum = 0;
        double pathCpuSum = 0;
        double cpuSum = 0;
        for (RoundReport round : result.rounds()) {
            System.out.printf(
                    Locale.ROOT,
                    "round %d: coordinator critical path %.1f ms wall, %.1f ms CPU; all coordinator work %.1f ms CPU; slowest center's training %.2f s; round %.2f s; %.1f MB out, %.1f MB in%n",
                    round.record().round(),
                    round.criticalPath().toNanos() / 1e6,
                    round.criticalPathCpu().toNanos() / 1e6,
                    round.coordinatorCpu().toNanos() / 1e6,
                    round.slowestLocalTraining().toNanos() / 1e9,
                    round.roundTime().toNanos() / 1e9,
                    round.bytesOut() / 1e6,
                    round.bytesIn() / 1e6);
            if (round.record().round() > 1) {
                pathSum += round.criticalPath().toNanos() / 1e9;
                pathCpuSum += round.criticalPathCpu().toNanos() / 1e9;
                cpuSum += round.coordinatorCpu().toNanos() / 1e9;
            }
        }
        int counted = Math.max(1, result.rounds().size() - 1);
        for (String stage : List.of(
                "intake.open",
                "intake.decode",
                "intake.commit",
                "stage.backlog",
                "stage.average",
                "stage.encode",
                "stage.store",
                "stage.record")) {
            int dot = stage.indexOf('.');
            Timer timer = meters.get("fdc.coordinator." + stage.substring(0, dot))
                    .tag("step", stage.substring(dot + 1))
                    .timer();
            System.out.printf(
                    Locale.ROOT,
                    "%-14s mean %7.2f ms, max %7.2f ms (%d times; intake per update, stages per round)%n",
                    stage,
                    timer.mean(TimeUnit.MILLISECONDS),
                    timer.max(TimeUnit.MILLISECONDS),
                    timer.count());
        }
        compareCiphers(1_268_500);
        double path = pathSum / counted;
        double pathCpu = pathCpuSum / counted;
        double cpu = cpuSum / counted;
        System.out.printf(
                Locale.ROOT, "load average: %.2f before, %.2f after (1 min)%n", loadBefore, os.getSystemLoadAverage());
        System.out.printf(
                Locale.ROOT,
                "coordinator per round (rounds 2..%d), against one center's local training:%n"
                        + "  critical path, wall: %.1f ms = %.2f%% of %.3f s wall (target <= 10%%: %s)%n"
                        + "  critical path, CPU:  %.1f ms = %.2f%% of %.3f s CPU (target <= 10%%: %s)%n"
                        + "  all coordinator work, CPU: %.1f ms = %.2f%% of %.3f s CPU%n",
                rounds,
                path * 1e3,
                path / localSeconds * 100,
                localSeconds,
                path / localSeconds <= 0.10 ? "met" : "NOT met",
                pathCpu * 1e3,
                pathCpu / localCpuSeconds * 100,
                localCpuSeconds,
                pathCpu / localCpuSeconds <= 0.10 ? "met" : "NOT met",
                cpu * 1e3,
                cpu / localCpuSeconds * 100,
                localCpuSeconds);
    }

    /**
     * Opens one update-sized ciphertext as the coordinator does (UpdateCipher: 16 KiB segments through Commons
     * Crypto) and, as the baseline, the same plaintext sealed as one AES-GCM message opened by the JDK's cipher.
     */
    private static void compareCiphers(int size) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] plain = new byte[size];
        random.nextBytes(plain);
        byte[] binding = UpdateCipher.binding("overhead", 1, "bench");
        UpdateCipher segmented = new UpdateCipher(key, random);
        SealedBox box = segmented.seal(plain, binding);
        byte[] nonce = box.nonce();
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        Cipher sealer = Cipher.getInstance("AES/GCM/NoPadding");
        sealer.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
        sealer.updateAAD(binding);
        byte[] oneMessage = sealer.doFinal(plain);
        int runs = 20;
        double segmentedMs = 0;
        double oneMessageMs = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            segmented.open(nonce, box.ciphertext(), binding);
            long t1 = System.nanoTime();
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
            jdk.updateAAD(binding);
            jdk.doFinal(oneMessage);
            long t2 = System.nanoTime();
            segmentedMs += (t1 - t0) / 1e6;
            oneMessageMs += (t2 - t1) / 1e6;
        }
        System.out.printf(
                Locale.ROOT,
                "AES-256-GCM open of %.2f MB, mean of %d after the rounds: 16 KiB segments (UpdateCipher, Commons Crypto"
                        + " engine %s) %.2f ms; baseline, one GCM message through the JDK's cipher %.2f ms (%.1fx)%n",
                size / 1e6,
                runs,
                segmented.engine(),
                segmentedMs / runs,
                oneMessageMs / runs,
                oneMessageMs / segmentedMs);
    }

    private CoordinatorOverhead() {}

    /** A center's training windows as the model sees them: the plan trains on the columns as they are. */
    private static LocalDataset modelRows(CenterDataset center) {
        return Preprocessing.asIs(center.train().schema()).apply(center.train());
    }
}
