package org.fdcfabric.devnet.testcc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Packages {@link KvContract} into a runnable jar: its classes inside, {@code Main-Class} ContractRouter, and the
 * shim with its dependencies referenced through the manifest {@code Class-Path} (the test class path's jars).
 * So {@code java -jar} runs it the way it runs a shaded chaincode jar.
 */
public final class TestChaincodeJar {
    /**
     * Test-only libraries the contract never uses: leaving them out keeps the shim's class-path scan (which runs
     * before the server listens) short, as it is for a real shaded jar.
     */
    private static final List<String> UNNEEDED = List.of(
            "/com/h2database/",
            "/org/hyperledger/fabric/fabric-gateway/",
            "/io/micrometer/",
            "/io/prometheus/",
            "/org/junit/",
            "/org/assertj/",
            "/org/mockito/",
            "/net/bytebuddy/",
            "/org/yaml/",
            "/org/opentest4j/",
            "/org/apiguardian/",
            "/org/hdrhistogram/",
            "/org/latencyutils/",
            "/org/objenesis/",
            "/com/fasterxml/",
            "/org/jacoco/",
            "/org/apache/maven/");

    private TestChaincodeJar() {}

    public static Path build(Path directory) throws IOException {
        Path jar = directory.resolve("kv-chaincode.jar");
        Path classes = Path.of(KvContract.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        String packagePath = KvContract.class.getPackageName().replace('.', '/');
        String classPath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> UNNEEDED.stream().noneMatch(entry::contains))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" "));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.hyperledger.fabric.contract.ContractRouter");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        Files.createDirectories(directory);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            List<Path> classFiles;
            try (Stream<Path> files = Files.list(classes.resolve(packagePath))) {
                classFiles = files.filter(f -> f.toString().endsWith(".class")
                                && f.getFileName().toString().startsWith("KvContract"))
                        .toList();
            }
            for (Path classFile : classFiles) {
                out.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
        return jar;
    }
}
