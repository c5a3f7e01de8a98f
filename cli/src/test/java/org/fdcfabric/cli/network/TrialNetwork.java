package org.fdcfabric.cli.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The trial network of {@code network-config/} run by the project's own scripts with real Fabric binaries, in a work
 * dir of its own. Each step runs with a timeout from {@link MachineBudget} and prints how long it took. {@link
 * #close()} stops every process the scripts started and deletes the work dir ({@code down --purge}), after copying
 * the nodes' logs next to it for diagnosis; it runs on failure too, and from a shutdown hook if the JVM is stopped.
 */
final class TrialNetwork implements AutoCloseable {

    /** What each step took on a quiet 2-core machine (docs/deploy.md); the timeouts scale from these. */
    static final Duration QUIET_UP = Duration.ofSeconds(10);

    static final Duration QUIET_CHANNELS = Duration.ofSeconds(5);
    static final Duration QUIET_DEPLOY = Duration.ofSeconds(47);
    static final Duration QUIET_PEER_CLI = Duration.ofSeconds(5);
    static final Duration QUIET_DOWN = Duration.ofSeconds(10);

    private final Path repository;
    private final Path work;
    private final Path keptLogs;
    private final NetworkEnv env;
    private final Map<String, String> environment;
    private final FabricBinaries binaries;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::down, "trial-network-down");

    private TrialNetwork(
            Path repository,
            Path work,
            Path keptLogs,
            NetworkEnv env,
            Map<String, String> environment,
            FabricBinaries binaries,
            FileChannel lockFile,
            FileLock lock) {
        this.repository = repository;
        this.work = work;
        this.keptLogs = keptLogs;
        this.env = env;
        this.environment = environment;
        this.binaries = binaries;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Takes the machine-wide lock (the network's ports are fixed, so two runs on one machine take turns), then returns
     * a network not yet started. The scripts run with {@link FabricBinaries#scriptEnvironment()}.
     */
    static TrialNetwork prepare(Path repository, Path work, Path keptLogs, FabricBinaries binaries) {
        try {
            Path lockPath = Path.of(System.getProperty("java.io.tmpdir"), "fdc-fabric-trial-network.lock");
            FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.out.println("real Fabric: another trial network runs on this machine; waiting for it");
                lock = channel.lock();
            }
            Files.createDirectories(work.getParent());
            TrialNetwork network = new TrialNetwork(
                    repository,
                    work,
                    keptLogs,
                    NetworkEnv.load(repository),
                    binaries.scriptEnvironment(),
                    binaries,
                    channel,
                    lock);
            Runtime.getRuntime().addShutdownHook(network.shutdownHook);
            return network;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path work() {
        return work;
    }

    NetworkEnv env() {
        return env;
    }

    Path trialProfile() {
        return work.resolve("profiles/trial.json");
    }

    /** Runs {@code scripts/<script> --work <work> <args>}; fails with the script's last lines unless it exits 0. */
    Command script(String script, Duration quiet, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + script, "--work", work.toString()));
        command.addAll(List.of(args));
        MachineBudget budget = MachineBudget.now();
        Duration timeout = budget.timeoutFor(quiet);
        long started = System.nanoTime();
        Command run = Command.run(repository, environment, command, timeout);
        System.out.printf(
                "real Fabric: %s %s: exit %d after %.1f s (timeout %d s, %s)%n",
                script,
                String.join(" ", args),
                run.exitCode(),
                (System.nanoTime() - started) / 1e9,
                timeout.toSeconds(),
                budget);
        if (run.exitCode() != 0) {
            throw new AssertionError(script + " " + String.join(" ", args) + " exited " + run.exitCode() + ":\n"
                    + Command.tail(run.stdout()) + Command.tail(run.stderr()));
        }
        return run;
    }

    /** Runs a {@code peer} CLI command as the org's admin against the org's own peer, as the scripts' peer_admin. */
    Command peerAdmin(String org, String... args) {
        NetworkEnv.PeerOrg peerOrg = env.org(org);
        String domain = env.orgDomain(org);
        Path orgDir = work.resolve("organizations/peerOrganizations").resolve(domain);
        Map<String, String> admin = new HashMap<>(environment);
        admin.put("FABRIC_CFG_PATH", work.resolve("peers/peer0." + org).toString());
        admin.put("CORE_PEER_TLS_ENABLED", "true");
        admin.put("CORE_PEER_LOCALMSPID", peerOrg.mspId());
        admin.put(
                "CORE_PEER_MSPCONFIGPATH",
                orgDir.resolve("users/" + org + "-admin@" + domain + "/msp").toString());
        admin.put("CORE_PEER_ADDRESS", "127.0.0.1:" + peerOrg.peerPort());
        admin.put(
                "CORE_PEER_TLS_ROOTCERT_FILE",
                orgDir.resolve("tlsca/tlsca." + domain + "-cert.pem").toString());
        // ProcessBuilder looks the program up on this JVM's PATH, not the child's: name the binary itself
        List<String> command =
                new ArrayList<>(List.of(binaries.bin().resolve("peer").toString()));
        command.addAll(List.of(args));
        Command run =
                Command.run(repository, admin, command, MachineBudget.now().timeoutFor(QUIET_PEER_CLI));
        if (run.exitCode() != 0) {
            throw new AssertionError("peer " + String.join(" ", args) + " as " + org + "'s admin exited "
                    + run.exitCode() + ":\n" + Command.tail(run.stderr()));
        }
        return run;
    }

    /** The pids of the processes the scripts started, by name (the pid files' names: cc-registration-provider1, ...). */
    Map<String, Long> pids() {
        Map<String, Long> pids = new HashMap<>();
        try (Stream<Path> files = Files.list(work.resolve("pids"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                pids.put(name, Long.parseLong(Files.readString(file).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** Every node's and chaincode server's log, by file name. */
    Map<String, String> logs() {
        Map<String, String> logs = new HashMap<>();
        try (Stream<Path> files = Files.list(work.resolve("logs"))) {
            for (Path file : files.toList()) {
                logs.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs;
    }

    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook has run down()
        }
    }

    private void down() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            keepLogs();
            script("network.sh", QUIET_DOWN, "down", "--purge");
        } finally {
            try {
                lock.release();
                lockFile.close();
            } catch (IOException e) {
                System.out.println("real Fabric: cannot release the machine-wide lock: " + e.getMessage());
            }
        }
    }

    private void keepLogs() {
        Path logs = work.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            Files.createDirectories(keptLogs);
            for (Path file : files.toList()) {
                Files.copy(file, keptLogs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("real Fabric: the nodes' logs are kept in " + keptLogs);
        } catch (IOException e) {
            System.out.println("real Fabric: cannot keep the nodes' logs: " + e.getMessage());
        }
    }
}
