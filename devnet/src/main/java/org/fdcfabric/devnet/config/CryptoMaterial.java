package org.fdcfabric.devnet.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fdcfabric.msp.CaAttributes;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.MspDirectory;
import org.fdcfabric.msp.MspMaterial;
import org.fdcfabric.msp.NodeOu;
import org.fdcfabric.msp.TlsDirectory;

/**
 * The organisations' crypto material in cryptogen's layout, created on first start and read back afterwards:
 * {@code <org>/ca} and {@code <org>/tlsca} (the CAs, kept so later users can be issued), {@code <org>/msp} (the
 * org's verifying MSP), {@code <org>/peers/peer0.<org>} or {@code <org>/orderers/orderer0.<org>} ({@code msp/} and
 * {@code tls/}), and {@code <org>/users/<user>@<org>/msp}. Each member's folder is written aside and moved into
 * place, so an interrupted first start never leaves half an identity; missing members are issued on the next start.
 */
public final class CryptoMaterial {
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration CERT_VALIDITY = Duration.ofDays(825);

    /** One org: its verifying MSP, its node (peer or orderer) with TLS, and its users by name. */
    public record Org(
            String name,
            String mspId,
            MspMaterial msp,
            IssuedIdentity node,
            TlsDirectory.TlsMaterial nodeTls,
            Path tlsCaCertificateFile,
            Map<String, User> users) {}

    /** A user's identity and where its files are. */
    public record User(String name, String role, IssuedIdentity identity, Path certificateFile, Path keyFile) {}

    private final Org ordererOrg;
    private final Map<String, Org> orgs;

    private CryptoMaterial(Org ordererOrg, Map<String, Org> orgs) {
        this.ordererOrg = ordererOrg;
        this.orgs = orgs;
    }

    public Org ordererOrg() {
        return ordererOrg;
    }

    public Org org(String mspId) {
        Org org = orgs.get(mspId);
        if (org == null) {
            throw new IllegalArgumentException("no crypto material for MSP " + mspId);
        }
        return org;
    }

    public List<Org> orgs() {
        return List.copyOf(orgs.values());
    }

    /** Creates whatever is missing under {@code directory}, then reads everything back from disk. */
    public static CryptoMaterial createOrLoad(DevnetConfig config, Path directory) {
        Map<String, Org> orgs = new LinkedHashMap<>();
        for (DevnetConfig.OrgConfig org : config.orgs()) {
            orgs.put(org.mspId(), org(directory, org, NodeOu.PEER, "peers", "peer0"));
        }
        Org orderer = org(directory, config.ordererOrg(), NodeOu.ORDERER, "orderers", "orderer0");
        return new CryptoMaterial(orderer, orgs);
    }

    private static Org org(Path root, DevnetConfig.OrgConfig config, NodeOu nodeOu, String nodeFolder, String node) {
        Path orgDir = root.resolve(config.name());
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        String domain = config.name() + ".fdc";
        CertificateAuthority ca = authority(orgDir.resolve("ca"), "ca." + domain, domain, clock, random);
        CertificateAuthority tlsCa = authority(orgDir.resolve("tlsca"), "tlsca." + domain, domain, clock, random);
        MspDirectory orgMsp = new MspDirectory(orgDir.resolve("msp"));
        if (!Files.isDirectory(orgMsp.root().resolve("cacerts"))) {
            orgMsp.writeVerifying(ca.certificate(), tlsCa.certificate());
        }
        String nodeName = node + "." + domain;
        Path nodeDir = orgDir.resolve(nodeFolder).resolve(nodeName);
        if (!Files.isDirectory(nodeDir)) {
            writeAtomically(nodeDir, staging -> {
                IssuedIdentity identity = ca.issue(config.mspId(), nodeName, nodeOu, Map.of());
                new MspDirectory(staging.resolve("msp")).writeLocal(identity, ca.certificate(), tlsCa.certificate());
                IssuedIdentity tls =
                        tlsCa.issueTls(config.mspId(), nodeName, List.of(nodeName, "localhost", "127.0.0.1"));
                new TlsDirectory(staging.resolve("tls")).write(tls, tlsCa.certificate());
            });
        }
        Map<String, User> users = new LinkedHashMap<>();
        for (DevnetConfig.UserConfig user : config.users()) {
            String userName = user.name() + "@" + domain;
            Path userDir = orgDir.resolve("users").resolve(userName);
            if (!Files.isDirectory(userDir)) {
                writeAtomically(userDir, staging -> {
                    Map<String, String> attributes =
                            user.role() == null ? Map.of() : Map.of(CaAttributes.FDC_ROLE, user.role());
                    IssuedIdentity identity =
                            ca.issue(config.mspId(), userName, user.admin() ? NodeOu.ADMIN : NodeOu.CLIENT, attributes);
                    new MspDirectory(staging.resolve("msp"))
                            .writeLocal(identity, ca.certificate(), tlsCa.certificate());
                });
            }
            MspMaterial material = new MspDirectory(userDir.resolve("msp")).read(config.mspId());
            users.put(
                    user.name(),
                    new User(
                            user.name(),
                            user.role(),
                            material.signingIdentity().orElseThrow(),
                            onlyFile(userDir.resolve("msp").resolve("signcerts")),
                            userDir.resolve("msp").resolve("keystore").resolve(MspDirectory.KEY_FILE)));
        }
        MspMaterial nodeMsp = new MspDirectory(nodeDir.resolve("msp")).read(config.mspId());
        return new Org(
                config.name(),
                config.mspId(),
                orgMsp.read(config.mspId()),
                nodeMsp.signingIdentity().orElseThrow(),
                new TlsDirectory(nodeDir.resolve("tls")).read(config.mspId()),
                orgDir.resolve("msp").resolve("tlscacerts").resolve(MspDirectory.TLS_CA_CERT_FILE),
                users);
    }

    private static CertificateAuthority authority(
            Path folder, String commonName, String organisation, Clock clock, SecureRandom random) {
        if (Files.isDirectory(folder)) {
            return CertificateAuthority.load(folder, clock, CERT_VALIDITY, random);
        }
        CertificateAuthority created =
                CertificateAuthority.create(commonName, organisation, clock, CA_VALIDITY, random);
        CertificateAuthority issuing =
                new CertificateAuthority(created.certificate(), created.privateKey(), clock, CERT_VALIDITY, random);
        writeAtomically(folder, issuing::save);
        return issuing;
    }

    private interface Writer {
        void write(Path staging) throws IOException;
    }

    private static void writeAtomically(Path target, Writer writer) {
        Path staging = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            deleteRecursively(staging);
            Files.createDirectories(staging);
            writer.write(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create crypto material in " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> paths =
                    new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.delete(p);
            }
        }
    }

    private static Path onlyFile(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no certificate in " + folder));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
