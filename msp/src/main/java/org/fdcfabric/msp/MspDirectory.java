package org.fdcfabric.msp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An MSP folder in Fabric's layout ({@code fabric/msp/configbuilder.go}): {@code cacerts/}, {@code tlscacerts/},
 * {@code signcerts/} and {@code keystore/} (PKCS#8 PEM, named {@code priv_sk} as cryptogen does) for a local MSP,
 * and {@code config.yaml} enabling NodeOUs. Every PEM file in a folder is read; sub-folders are skipped.
 */
public final class MspDirectory {
    public static final String CA_CERT_FILE = "ca-cert.pem";
    public static final String TLS_CA_CERT_FILE = "tlsca-cert.pem";
    public static final String KEY_FILE = "priv_sk";

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final Path root;

    public MspDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Writes a verifying MSP (an organisation's channel MSP): CA and TLS CA roots plus NodeOU config. */
    public void writeVerifying(X509Certificate caCertificate, X509Certificate tlsCaCertificate) {
        writeFile(root.resolve("cacerts").resolve(CA_CERT_FILE), Pem.certificate(caCertificate));
        writeFile(root.resolve("tlscacerts").resolve(TLS_CA_CERT_FILE), Pem.certificate(tlsCaCertificate));
        writeFile(root.resolve("config.yaml"), nodeOusConfig());
    }

    /** Writes a local (signing) MSP: the verifying part plus this member's certificate and private key. */
    public void writeLocal(IssuedIdentity identity, X509Certificate caCertificate, X509Certificate tlsCaCertificate) {
        writeVerifying(caCertificate, tlsCaCertificate);
        writeFile(root.resolve("signcerts").resolve(identity.name() + "-cert.pem"), identity.certificatePem());
        writeSecret(root.resolve("keystore").resolve(KEY_FILE), Pem.privateKey(identity.privateKey()));
    }

    /** Reads the folder back; the MSP id is not stored in the folder (a peer takes it from its own config). */
    public MspMaterial read(String mspId) {
        List<X509Certificate> caCerts = readCertificates(root.resolve("cacerts"));
        if (caCerts.isEmpty()) {
            throw new MspException("MSP folder " + root + " has no cacerts");
        }
        List<X509Certificate> tlsCaCerts = readCertificates(root.resolve("tlscacerts"));
        boolean nodeOus = readNodeOusEnabled();
        Optional<IssuedIdentity> signer = Optional.empty();
        Path signcerts = root.resolve("signcerts");
        if (Files.isDirectory(signcerts)) {
            List<X509Certificate> certs = readCertificates(signcerts);
            List<Path> keys = files(root.resolve("keystore"));
            if (certs.size() != 1 || keys.size() != 1) {
                throw new MspException("MSP folder " + root + " must hold exactly one signcert and one key, found "
                        + certs.size() + " and " + keys.size());
            }
            PrivateKey key = Pem.readPrivateKey(readFile(keys.get(0)));
            signer = Optional.of(new IssuedIdentity(mspId, certs.get(0), key));
        }
        return new MspMaterial(mspId, caCerts, tlsCaCerts, nodeOus, signer);
    }

    private boolean readNodeOusEnabled() {
        Path config = root.resolve("config.yaml");
        if (!Files.exists(config)) {
            return false;
        }
        try {
            JsonNode tree = YAML.readTree(readFile(config));
            return tree != null && tree.path("NodeOUs").path("Enable").asBoolean(false);
        } catch (IOException e) {
            throw new MspException("malformed " + config + ": " + e.getMessage(), e);
        }
    }

    private static String nodeOusConfig() {
        Map<String, Object> nodeOus = new LinkedHashMap<>();
        nodeOus.put("Enable", true);
        nodeOus.put("ClientOUIdentifier", ouIdentifier(NodeOu.CLIENT));
        nodeOus.put("PeerOUIdentifier", ouIdentifier(NodeOu.PEER));
        nodeOus.put("AdminOUIdentifier", ouIdentifier(NodeOu.ADMIN));
        nodeOus.put("OrdererOUIdentifier", ouIdentifier(NodeOu.ORDERER));
        try {
            return YAML.writeValueAsString(Map.of("NodeOUs", nodeOus));
        } catch (IOException e) {
            throw new MspException("cannot write MSP config.yaml", e);
        }
    }

    private static Map<String, String> ouIdentifier(NodeOu ou) {
        Map<String, String> identifier = new LinkedHashMap<>();
        identifier.put("Certificate", "cacerts/" + CA_CERT_FILE);
        identifier.put("OrganizationalUnitIdentifier", ou.identifier());
        return identifier;
    }

    private static List<X509Certificate> readCertificates(Path folder) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files(folder)) {
            try {
                certificates.addAll(Pem.readCertificates(readFile(file)));
            } catch (MspException e) {
                throw new MspException(file + ": " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new MspException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MspException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a private key readable by the owner only (where the file system supports POSIX permissions). */
    static void writeSecret(Path file, String content) {
        writeFile(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions protect the key
        } catch (IOException e) {
            throw new MspException("cannot restrict permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MspException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
