package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fdcfabric.client.config.InstanceLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution {@code mvn package} builds (cli/target/fdc-<version>/), copied somewhere else and run from yet
 * another directory, as an installed tool is: it runs its own jars, finds its chaincode jars, follows a symlink,
 * ignores a class-data archive made for another folder without a word, and uses the one {@code bin/fdc-cds} makes.
 */
class DistributionIT {
    /** A JVM start on a loaded two-core machine takes seconds; this bounds only a hung one. */
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    private Path built;
    private Path copy;
    private Path elsewhere;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void copyTheDistribution() throws IOException {
        Path root =
                Path.of(System.getProperty("fdc.root", "..")).toAbsolutePath().normalize();
        try (Stream<Path> candidates = Files.list(root.resolve("cli").resolve("target"))) {
            List<Path> folders = candidates
                    .filter(p -> p.getFileName().toString().startsWith("fdc-") && Files.isDirectory(p))
                    .toList();
            assertThat(folders)
                    .as("cli/target/fdc-<version>/ built by mvn package")
                    .hasSize(1);
            built = folders.get(0);
        }
        copy = dir.resolve("opt").resolve("fdc");
        copyTree(built, copy);
        elsewhere = Files.createDirectories(dir.resolve("work"));
    }

    @Test
    void aCopyRunsFromAnyDirectoryWithItsOwnJars() throws Exception {
        Run version = run(Map.of("FDC_JAVA_OPTS", "-XshowSettings:properties"), copy.resolve("bin/fdc"), "--version");

        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("fdc ");
        assertThat(version.err())
                .as("the JVM's settings: class path and fdc.root are the copy's")
                .contains(copy.resolve("lib") + "/cli-")
                .contains("fdc.root = " + copy)
                .doesNotContain(built.toString())
                .doesNotContain("[warning]")
                .doesNotContain("shared archive");
    }

    @Test
    void theClasspathListsExactlyTheJarsInLib() throws Exception {
        List<String> listed = Arrays.asList(
                Files.readString(copy.resolve("lib/classpath")).strip().split(":"));
        List<String> jars;
        try (Stream<Path> files = Files.list(copy.resolve("lib"))) {
            jars = files.map(p -> "lib/" + p.getFileName())
                    .filter(name -> name.endsWith(".jar"))
                    .toList();
        }
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jars);
        assertThat(listed.get(0)).startsWith("lib/cli-");
        assertThat(copy.resolve("chaincode/chaincode-registration-chaincode.jar"))
                .isRegularFile();
        assertThat(copy.resolve("chaincode/chaincode-collaboration-chaincode.jar"))
                .isRegularFile();
    }

    @Test
    void aSymlinkToTheLauncherWorks() throws Exception {
        Path link = Files.createDirectories(dir.resolve("bin")).resolve("fdc");
        Files.createSymbolicLink(link, copy.resolve("bin/fdc"));

        Run version = run(Map.of(), link, "--version");

        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("fdc ");
    }

    @Test
    void theDevnetFindsTheCopysChaincodeJars() throws Exception {
        Path data = dir.resolve("devnet");
        // the jar check comes before the lock, so being refused by the lock shows that the jars were found
        try (InstanceLock held = InstanceLock.acquire(data, "devnet.lock", "devnet", "--dir")) {
            Run up = run(Map.of(), copy.resolve("bin/fdc"), "devnet", "up", "--no-metrics", "--dir", data.toString());

            assertThat(up.exit()).as(up.out() + up.err()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(up.err())
                    .contains("in use by another devnet (pid "
                            + ProcessHandle.current().pid() + ")");
        }
    }

    @Test
    void aMovedCopyIgnoresItsOldArchiveSilentlyAndUsesANewOne() throws Exception {
        Map<String, String> requireArchive = Map.of("FDC_JAVA_OPTS", "-Xshare:on");
        Run before = run(requireArchive, copy.resolve("bin/fdc"), "--version");
        assertThat(before.exit())
                .as("the archive (if any) was made for " + built + ", not for this folder")
                .isNotZero();

        Run cds = run(Map.of(), copy.resolve("bin/fdc-cds"));
        assertThat(cds.exit()).as(cds.out() + cds.err()).isZero();
        assertThat(cds.out()).contains("wrote " + copy.resolve("lib/fdc.jsa"));

        Run after = run(requireArchive, copy.resolve("bin/fdc"), "--version");
        assertThat(after.exit())
                .as("-Xshare:on fails unless the archive is used: " + after.err())
                .isZero();
        assertThat(after.out()).startsWith("fdc ");
    }

    @Test
    void theTarballHoldsTheFolderButNoArchive() throws Exception {
        Path tarball = built.resolveSibling(built.getFileName() + ".tar.gz");
        Run list = run(Map.of(), Path.of("tar"), "tzf", tarball.toString());

        assertThat(list.exit()).as(list.err()).isZero();
        String top = built.getFileName().toString();
        assertThat(list.out().lines())
                .contains(top + "/bin/fdc", top + "/bin/fdc-cds", top + "/lib/classpath")
                .anyMatch(line -> line.startsWith(top + "/chaincode/chaincode-registration"))
                .noneMatch(line -> line.endsWith(".jsa"));
    }

    private Run run(Map<String, String> environment, Path command, String... args)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(command.toString());
        line.addAll(List.of(args));
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(line)
                .directory(elsewhere.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("FDC_JAVA_OPTS");
        builder.environment().remove("FDC_CDS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(line + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Copies with modification times and permissions, as cp -a or unpacking a tarball does. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
