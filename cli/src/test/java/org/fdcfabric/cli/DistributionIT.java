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
 * makes its own class-data archive after a move (in the background, used from the next run on), and carries its man
 * pages and completion.
 */
class DistributionIT {
    /** A JVM start on a loaded two-core machine takes seconds; this bounds only a hung one. */
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    private Path built;
    private Path copy;
    private Path elsewhere;
    private Path cache;

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
        cache = Files.createDirectories(dir.resolve("cache"));
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
    void aMovedCopyMakesItsOwnArchiveInTheBackgroundAndStartsFromItNextTime() throws Exception {
        Map<String, String> on = Map.of("FDC_CDS", "on");
        List<String> names = run(Map.of("FDC_CDS", "name"), copy.resolve("bin/fdc"))
                .out()
                .lines()
                .toList();
        assertThat(Path.of(names.get(0)))
                .as("the build left an archive for its own folder, not for this copy")
                .doesNotExist();
        Path cached = Path.of(names.get(1));
        assertThat(cached).startsWithRaw(cache).doesNotExist();

        Run first = run(on, copy.resolve("bin/fdc"), "--version");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("fdc 0.1.0\n");
        awaitArchive(cached);

        Run second = run(
                Map.of("FDC_CDS", "on", "FDC_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info"),
                copy.resolve("bin/fdc"),
                "--version");
        assertThat(second.exit())
                .as("-Xshare:on fails unless the archive is used: " + second.err())
                .isZero();
        assertThat(second.out())
                .as("classes come from the dynamic archive's top layer")
                .contains("source: shared objects file (top)")
                .contains("fdc 0.1.0");
    }

    @Test
    void fdcCdsMakesTheArchiveInLibThatTheLauncherUses() throws Exception {
        Run cds = run(Map.of(), copy.resolve("bin/fdc-cds"));
        assertThat(cds.exit()).as(cds.out() + cds.err()).isZero();
        Path archive = Path.of(run(Map.of("FDC_CDS", "name"), copy.resolve("bin/fdc"))
                .out()
                .lines()
                .findFirst()
                .orElseThrow());
        assertThat(archive).startsWithRaw(copy.resolve("lib")).isRegularFile();
        assertThat(cds.out()).contains("wrote " + archive);

        Run after = run(Map.of("FDC_CDS", "on", "FDC_JAVA_OPTS", "-Xshare:on"), copy.resolve("bin/fdc"), "--version");
        assertThat(after.exit())
                .as("-Xshare:on fails unless the archive is used: " + after.err())
                .isZero();
        assertThat(cache).as("nothing was made in the background").isEmptyDirectory();
    }

    @Test
    void manPagesAndCompletionComeWithIt() throws Exception {
        Path man1 = copy.resolve("share/man/man1");
        Path page = man1.resolve("fdc-dataset-list.1");
        try (Stream<Path> pages = Files.list(man1)) {
            assertThat(pages.filter(p -> p.toString().endsWith(".1"))).hasSizeGreaterThan(50);
        }
        assertThat(Files.readString(page)).contains(".TH \"FDC\\-DATASET\\-LIST\" \"1\"");
        Path manCommand = onPath("man");
        if (manCommand != null) {
            Run shown = run(Map.of("MANPAGER", "cat", "MANWIDTH", "100"), manCommand, "-l", page.toString());
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("NAME", "fdc-dataset-list", "SYNOPSIS", "--profile");
        }
        Path completion = copy.resolve("share/bash-completion/completions/fdc");
        assertThat(Files.readString(completion)).contains("complete -F").contains("dataset");
        Run parsed = run(Map.of(), Path.of("bash"), "-n", completion.toString());
        assertThat(parsed.exit())
                .as("bash parses the completion script: " + parsed.err())
                .isZero();
    }

    @Test
    void theTarballHoldsTheFolderButNoArchive() throws Exception {
        Path tarball = built.resolveSibling(built.getFileName() + ".tar.gz");
        Run list = run(Map.of(), Path.of("tar"), "tzf", tarball.toString());

        assertThat(list.exit()).as(list.err()).isZero();
        String top = built.getFileName().toString();
        assertThat(list.out().lines())
                .contains(top + "/bin/fdc", top + "/bin/fdc-cds", top + "/lib/classpath")
                .contains(top + "/share/man/man1/fdc.1", top + "/share/bash-completion/completions/fdc")
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
        // archives go to this test's folder; a test about them turns them on (a background maker outliving a test
        // would race its folder's removal)
        builder.environment().put("FDC_CDS_DIR", cache.toString());
        builder.environment().put("FDC_CDS", "off");
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

    /** Waits for the launcher's background maker: the archive in place and its lock gone. */
    private static void awaitArchive(Path archive) throws InterruptedException {
        Path lock = archive.resolveSibling(archive.getFileName() + ".lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!(Files.isRegularFile(archive) && !Files.exists(lock))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no archive at " + archive + " after " + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(200);
        }
    }

    private static Path onPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
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
