package org.fdcfabric.cli.network;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Hyperledger Fabric's binaries are: {@code FABRIC_BIN} (scripts/test.sh sets it to {@code ../shared/fabric/bin}
 * when that exists) or the folder on the PATH holding {@code peer}; the CCaaS builder from {@code FABRIC_CCAAS_BUILDER}
 * or {@code builders/ccaas} next to that folder, as scripts/network.sh looks for it.
 */
record FabricBinaries(Path bin, Path builder) {

    /** The binaries scripts/network.sh runs for the trial network (Fabric CA variant). */
    static final List<String> REQUIRED =
            List.of("peer", "orderer", "configtxgen", "osnadmin", "fabric-ca-server", "fabric-ca-client");

    /** The one line a machine without the binaries prints: nothing is ever downloaded by the build. */
    static final String HOW_TO_GET = "real-Fabric test skipped: no Hyperledger Fabric 2.5 binaries (set FABRIC_BIN and"
            + " FABRIC_CCAAS_BUILDER, put them on the PATH, or keep them in ../shared/fabric; get them with Fabric's"
            + " install-fabric.sh, see docs/deploy.md)";

    /**
     * The binaries for a test that needs them: without them the test is skipped with {@link #HOW_TO_GET} printed, or
     * fails where {@code CI=true} says real Fabric is required.
     */
    static FabricBinaries requiredOrSkip() {
        Lookup lookup = locate(System.getenv());
        if (!lookup.found()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true, so real Fabric is required, but " + lookup.missing());
            }
            System.out.println(HOW_TO_GET + ": " + lookup.missing());
            assumeTrue(false, HOW_TO_GET);
        }
        return lookup.binaries();
    }

    /**
     * This JVM's environment for the project's scripts: FABRIC_BIN and FABRIC_CCAAS_BUILDER set, and the binaries and
     * this JVM's {@code java} (which the chaincode servers and {@code scripts/fdc} run on) first on the PATH.
     */
    Map<String, String> scriptEnvironment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("FABRIC_BIN", bin.toString());
        environment.put("FABRIC_CCAAS_BUILDER", builder.toString());
        environment.put(
                "PATH",
                bin
                        + File.pathSeparator
                        + Path.of(System.getProperty("java.home"), "bin")
                        + File.pathSeparator
                        + System.getenv().getOrDefault("PATH", ""));
        return Map.copyOf(environment);
    }

    /** The binaries, or why they cannot be used here. */
    static Lookup locate(Map<String, String> environment) {
        Optional<Path> bin = Optional.ofNullable(environment.get("FABRIC_BIN"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .or(() -> onPath(environment.getOrDefault("PATH", ""), "peer"));
        if (bin.isEmpty()) {
            return new Lookup(null, "neither FABRIC_BIN nor the PATH leads to peer");
        }
        for (String binary : REQUIRED) {
            if (!Files.isExecutable(bin.get().resolve(binary))) {
                return new Lookup(null, bin.get().resolve(binary) + " is missing");
            }
        }
        Path builder = Optional.ofNullable(environment.get("FABRIC_CCAAS_BUILDER"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElse(bin.get().toAbsolutePath().getParent().resolve("builders/ccaas"));
        if (!Files.isExecutable(builder.resolve("bin/release"))) {
            return new Lookup(null, "no CCaaS builder at " + builder + " (set FABRIC_CCAAS_BUILDER)");
        }
        return new Lookup(new FabricBinaries(bin.get().toAbsolutePath(), builder.toAbsolutePath()), null);
    }

    private static Optional<Path> onPath(String path, String program) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir));
            }
        }
        return Optional.empty();
    }

    /** The outcome of {@link #locate}: the binaries, or the reason there are none. */
    record Lookup(FabricBinaries binaries, String missing) {
        boolean found() {
            return binaries != null;
        }
    }
}
