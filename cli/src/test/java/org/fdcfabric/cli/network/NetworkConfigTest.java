package org.fdcfabric.cli.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fdcfabric.cli.network.NetworkEnv.PeerOrg;
import org.fdcfabric.cli.network.NetworkEnv.User;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The real network's configuration without Fabric's binaries (which CI lacks): every YAML and JSON file in
 * {@code network-config} parses, names and ports agree across network.env, crypto-config, configtx, the CA, peer
 * and orderer configs, the CCaaS packages, the connection profiles and the devnet's default config; the package
 * the deploy script builds is shaped as Fabric expects and reproducible; and the scripts stop with a clear message
 * when a binary is missing.
 */
class NetworkConfigTest {

    private static final String DEVNET_DEFAULT = "/org/fdcfabric/devnet/config/devnet-default.yaml";
    private static final List<String> SCRIPTS = List.of(
            "scripts/network.sh",
            "scripts/deploy-chaincode.sh",
            "scripts/lib/processes.sh",
            "scripts/institution-host-test.sh",
            "network-config/fabric-ca/enroll.sh",
            "network-config/network.env");

    private static Path repository;
    private static Path config;
    private static NetworkEnv env;

    @BeforeAll
    static void locateRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("network-config"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with network-config/").isNotNull();
        repository = dir;
        config = dir.resolve("network-config");
        env = NetworkEnv.load(repository);
    }

    /** SnakeYAML rather than Jackson: configtx.yaml relies on anchors and merge keys, which Jackson leaves alone. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Object document =
                    new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(document).as(file + " is a YAML mapping").isInstanceOf(Map.class);
            return (Map<String, Object>) document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static ObjectMapper strictJson() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static JsonNode json(Path file) {
        try {
            return strictJson().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> mspIds() {
        return env.orgs().stream().map(PeerOrg::mspId).collect(Collectors.toCollection(TreeSet::new));
    }

    @Nested
    class EveryFile {
        @Test
        void everyYamlAndJsonFileParses() throws IOException {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(config)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(f ->
                                f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
                        .toList();
            }
            // crypto-config, configtx, core, orderer, 7 CA configs, 2 x 2 package files, 7 profiles, and the
            // example service configs center.yaml, center-table.yaml and compute.yaml
            assertThat(files).hasSize(25);
            for (Path file : files) {
                if (file.toString().endsWith(".yaml")) {
                    assertThat(yaml(file)).as(file.toString()).isNotEmpty();
                } else {
                    assertThat(json(file).isObject()).as(file.toString()).isTrue();
                }
            }
        }

        @Test
        void listenersOnThisMachineUseDistinctPorts() {
            List<Integer> ports = new ArrayList<>(List.of(
                    env.ordererPort(), env.ordererAdminPort(), env.ordererOperationsPort(), env.ordererCaPort()));
            for (PeerOrg org : env.orgs()) {
                ports.addAll(List.of(
                        org.peerPort(),
                        org.peerPort() + 1, // chaincode listener
                        org.caPort(),
                        org.operationsPort(),
                        org.registrationChaincodePort(),
                        org.collaborationChaincodePort()));
            }
            for (Path ca : caConfigs()) {
                String ops = (String) map(yaml(ca).get("operations")).get("listenAddress");
                ports.add(Integer.parseInt(ops.substring(ops.lastIndexOf(':') + 1)));
            }
            assertThat(new HashSet<>(ports)).hasSameSizeAs(ports);
            assertThat(ports).allMatch(p -> p > 1024 && p < 65536);
        }
    }

    @Nested
    class DevnetAgreement {
        @Test
        void orgsUsersChannelsAndPolicyMatchTheDevnetDefaultConfig() throws IOException {
            Map<String, Object> devnet;
            try (InputStream in = NetworkConfigTest.class.getResourceAsStream(DEVNET_DEFAULT)) {
                assumeTrue(
                        in != null,
                        "the devnet's default config (" + DEVNET_DEFAULT + ") is not on the classpath of this branch");
                LoaderOptions options = new LoaderOptions();
                devnet = map(new Yaml(new SafeConstructor(options)).load(in));
            }
            assertThat(map(devnet.get("ordererOrg")).get("mspId")).isEqualTo(env.ordererMsp());
            assertThat(map(devnet.get("ordererOrg")).get("name")).isEqualTo(env.ordererOrg());
            Map<String, String> devnetOrgs = new TreeMap<>();
            Set<User> devnetUsers = new HashSet<>();
            for (Object o : list(devnet.get("orgs"))) {
                Map<String, Object> org = map(o);
                devnetOrgs.put((String) org.get("name"), (String) org.get("mspId"));
                for (Object u : list(org.get("users"))) {
                    Map<String, Object> user = map(u);
                    devnetUsers.add(new User(
                            (String) org.get("name"),
                            (String) user.get("name"),
                            (String) user.get("role"),
                            Boolean.TRUE.equals(user.get("admin")) ? "admin" : "client"));
                }
            }
            Map<String, String> ours = new TreeMap<>();
            env.orgs().forEach(o -> ours.put(o.name(), o.mspId()));
            assertThat(ours).isEqualTo(devnetOrgs);
            assertThat(new HashSet<>(env.users())).isEqualTo(devnetUsers);
            for (Object c : list(devnet.get("channels"))) {
                Map<String, Object> channel = map(c);
                String name = (String) channel.get("name");
                assertThat(env.channelChaincodes()).containsKey(name);
                assertThat(new TreeSet<>(list(channel.get("orgs")))).isEqualTo(mspIds());
                Map<String, Object> chaincode =
                        map(list(channel.get("chaincodes")).get(0));
                assertThat(chaincode.get("name"))
                        .isEqualTo(env.channelChaincodes().get(name));
                assertThat(chaincode.get("version")).isEqualTo(env.chaincodeVersion());
                assertThat(chaincode.get("jar")).isEqualTo(env.chaincodeJars().get(chaincode.get("name")));
                assertThat(chaincode.get("policy")).isEqualTo(env.endorsementPolicy());
            }
            assertThat(list(devnet.get("channels")))
                    .hasSize(env.channelChaincodes().size());
        }
    }

    @Nested
    class CryptoConfig {
        @Test
        void everyOrgHasNodeOusAndLoopbackNames() {
            Map<String, Object> crypto = yaml(config.resolve("crypto-config.yaml"));
            Map<String, Object> orderer = map(list(crypto.get("OrdererOrgs")).get(0));
            assertThat(orderer.get("Domain")).isEqualTo(env.orgDomain(env.ordererOrg()));
            assertThat(orderer.get("EnableNodeOUs")).isEqualTo(true);
            Map<String, Object> spec = map(list(orderer.get("Specs")).get(0));
            assertThat(spec.get("Hostname")).isEqualTo("orderer0");
            assertThat(list(spec.get("SANS"))).contains("127.0.0.1", "localhost");

            List<String> domains = new ArrayList<>();
            for (Object o : list(crypto.get("PeerOrgs"))) {
                Map<String, Object> org = map(o);
                domains.add((String) org.get("Domain"));
                assertThat(org.get("EnableNodeOUs"))
                        .as(org.get("Domain").toString())
                        .isEqualTo(true);
                Map<String, Object> template = map(org.get("Template"));
                assertThat(template.get("Count")).isEqualTo(1);
                assertThat(list(template.get("SANS"))).contains("127.0.0.1", "localhost");
            }
            assertThat(domains)
                    .containsExactlyElementsOf(env.orgs().stream()
                            .map(o -> env.orgDomain(o.name()))
                            .toList());
        }

        @Test
        void saysThatItsUsersLackTheRoleAttribute() throws IOException {
            assertThat(Files.readString(config.resolve("crypto-config.yaml")))
                    .contains("fdc.role")
                    .contains("Fabric CA");
        }
    }

    @Nested
    class Configtx {
        private final Map<String, Object> configtx = yaml(config.resolve("configtx.yaml"));

        @Test
        void bothChannelProfilesHoldEveryOrgWithItsMspDirAndAnchorPeer() {
            Map<String, Object> profiles = map(configtx.get("Profiles"));
            assertThat(profiles.keySet())
                    .containsExactlyInAnyOrderElementsOf(env.channelProfiles().values());
            for (String profileName : env.channelProfiles().values()) {
                Map<String, Object> profile = map(profiles.get(profileName));
                assertThat(profile).doesNotContainKey("Consortiums");
                Map<String, Object> application = map(profile.get("Application"));
                assertThat(map(application.get("Capabilities")).get("V2_5")).isEqualTo(true);
                List<Object> orgs = list(application.get("Organizations"));
                assertThat(orgs).hasSize(env.orgs().size());
                for (int i = 0; i < orgs.size(); i++) {
                    Map<String, Object> org = map(orgs.get(i));
                    PeerOrg expected = env.orgs().get(i);
                    assertThat(org.get("ID")).isEqualTo(expected.mspId());
                    assertThat(org.get("Name")).isEqualTo(expected.mspId());
                    assertThat(org.get("MSPDir"))
                            .isEqualTo("../organizations/peerOrganizations/" + env.orgDomain(expected.name()) + "/msp");
                    Map<String, Object> anchor =
                            map(list(org.get("AnchorPeers")).get(0));
                    assertThat(anchor.get("Host")).isEqualTo("127.0.0.1");
                    assertThat(anchor.get("Port")).isEqualTo(expected.peerPort());
                    assertThat(map(map(org.get("Policies")).get("Endorsement")).get("Rule"))
                            .isEqualTo("OR('" + expected.mspId() + ".peer')");
                }
                Map<String, Object> orderer = map(profile.get("Orderer"));
                assertThat(orderer.get("OrdererType")).isEqualTo("etcdraft");
                Map<String, Object> ordererOrg =
                        map(list(orderer.get("Organizations")).get(0));
                assertThat(ordererOrg.get("ID")).isEqualTo(env.ordererMsp());
                assertThat(list(ordererOrg.get("OrdererEndpoints"))).containsExactly("127.0.0.1:" + env.ordererPort());
            }
        }

        @Test
        void raftConsentersAreTheOrdererNodeWithItsTlsCertificate() {
            Map<String, Object> orderer = map(configtx.get("Orderer"));
            List<Object> consenters = list(map(orderer.get("EtcdRaft")).get("Consenters"));
            assertThat(consenters).hasSize(1);
            Map<String, Object> consenter = map(consenters.get(0));
            assertThat(consenter.get("Host")).isEqualTo("127.0.0.1");
            assertThat(consenter.get("Port")).isEqualTo(env.ordererPort());
            String ordererDomain = env.orgDomain(env.ordererOrg());
            String tls = "../organizations/ordererOrganizations/" + ordererDomain + "/orderers/orderer0."
                    + ordererDomain + "/tls/server.crt";
            assertThat(consenter.get("ClientTLSCert")).isEqualTo(tls);
            assertThat(consenter.get("ServerTLSCert")).isEqualTo(tls);
        }

        @Test
        void lifecycleNeedsAMajorityOfOrgs() {
            Map<String, Object> policies = map(map(configtx.get("Application")).get("Policies"));
            assertThat(map(policies.get("LifecycleEndorsement")).get("Rule")).isEqualTo("MAJORITY Endorsement");
        }
    }

    private static List<Path> caConfigs() {
        List<Path> files = new ArrayList<>();
        files.add(config.resolve("fabric-ca").resolve(env.ordererOrg()).resolve("fabric-ca-server-config.yaml"));
        env.orgs()
                .forEach(o -> files.add(
                        config.resolve("fabric-ca").resolve(o.name()).resolve("fabric-ca-server-config.yaml")));
        return files;
    }

    @Nested
    class FabricCa {
        @Test
        void eachOrgHasATlsCaOnItsPortWithoutACommittedPassword() {
            for (Path file : caConfigs()) {
                String org = file.getParent().getFileName().toString();
                Map<String, Object> ca = yaml(file);
                int expectedPort = org.equals(env.ordererOrg())
                        ? env.ordererCaPort()
                        : env.org(org).caPort();
                assertThat(ca.get("port")).as(file.toString()).isEqualTo(expectedPort);
                assertThat(map(ca.get("ca")).get("name")).isEqualTo("ca-" + org);
                assertThat(map(ca.get("tls")).get("enabled")).isEqualTo(true);
                assertThat(map(ca.get("csr")).get("cn")).isEqualTo("ca." + env.orgDomain(org));
                assertThat(list(map(ca.get("csr")).get("hosts"))).contains("127.0.0.1", "localhost");
                Map<String, Object> registrar =
                        map(list(map(ca.get("registry")).get("identities")).get(0));
                assertThat(registrar.get("pass")).isEqualTo("FDC_CA_ADMIN_PASSWORD");
                assertThat(map(registrar.get("attrs")).get("hf.Registrar.Attributes"))
                        .isEqualTo("*");
                assertThat(map(map(ca.get("signing")).get("profiles"))).containsKey("tls");
            }
        }

        @Test
        void enrolmentRegistersEachUserWithItsRoleAsAnEcertAttribute() throws IOException {
            String enroll = Files.readString(config.resolve("fabric-ca/enroll.sh"));
            assertThat(enroll).contains("--id.attrs").contains("fdc.role=${user_role}:ecert");
            assertThat(env.users())
                    .extracting(User::role)
                    .containsOnly("provider", "data-user", "compute", "auditor", "token-admin");
        }
    }

    @Nested
    class Enrolment {
        /**
         * Stands in for fabric-ca-client: records its arguments and writes the files a real enrolment writes (with
         * the generated names the script must normalise).
         */
        private static final String FAKE_CA_CLIENT = """
                #!/usr/bin/env bash
                set -euo pipefail
                printf '%s\\n' "$*" >>"${FAKE_CA_LOG}"
                command="$1"
                shift
                msp="${FABRIC_CA_CLIENT_HOME}/msp"
                profile=""
                while [[ $# -gt 0 ]]; do
                  case "$1" in
                    -M) msp="$2"; shift 2 ;;
                    --enrollment.profile) profile="$2"; shift 2 ;;
                    *) shift ;;
                  esac
                done
                if [[ "${command}" == enroll ]]; then
                  mkdir -p "${msp}/signcerts" "${msp}/keystore" "${msp}/cacerts"
                  echo cert >"${msp}/signcerts/cert.pem"
                  echo key >"${msp}/keystore/0a1b2c_sk"
                  if [[ "${profile}" == tls ]]; then
                    mkdir -p "${msp}/tlscacerts"
                    echo tlsca >"${msp}/tlscacerts/tls-127-0-0-1-7054-ca-provider1.pem"
                  else
                    echo ca >"${msp}/cacerts/127-0-0-1-7054-ca-provider1.pem"
                  fi
                fi
                """;

        private Command enrol(Path work, Path bin, Path log) {
            Map<String, String> environment = new HashMap<>(System.getenv());
            environment.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
            environment.put("FAKE_CA_LOG", log.toString());
            return Command.run(
                    repository,
                    environment,
                    List.of("bash", "network-config/fabric-ca/enroll.sh", work.toString(), "provider1"));
        }

        @Test
        void writesTheLayoutTheProfilesAndPeersReadAndRegistersRolesAsEcertAttributes(
                @TempDir Path work, @TempDir Path bin) throws IOException {
            Path fake = bin.resolve("fabric-ca-client");
            Files.writeString(fake, FAKE_CA_CLIENT.strip() + "\n");
            assertThat(fake.toFile().setExecutable(true)).isTrue();
            Files.createDirectories(work.resolve("fabric-ca/provider1"));
            Files.writeString(work.resolve("fabric-ca/provider1/ca-cert.pem"), "ca\n");
            Files.createDirectories(work.resolve("secrets"));
            Files.writeString(work.resolve("secrets/provider1.env"), "CA_ADMIN_PASSWORD=registrar-secret\n");
            Path log = work.resolve("calls.log");

            Command first = enrol(work, bin, log);
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout() + first.stderr()).doesNotContain("registrar-secret");

            // everything the trial profile and the peer need exists where they look
            Path profiles = work.resolve("profiles");
            ConnectionProfile profile = strictJson()
                    .readValue(config.resolve("profiles/provider1.json").toFile(), ConnectionProfile.class);
            assertThat(profiles.resolve(profile.gateway().tlsRootCert()).normalize())
                    .exists();
            profile.identities().values().forEach(id -> {
                assertThat(profiles.resolve(id.certificate()).normalize()).exists();
                assertThat(profiles.resolve(id.privateKey()).normalize()).exists();
            });
            Path org = work.resolve("organizations/peerOrganizations/provider1.fdc.example.com");
            Path peer = org.resolve("peers/peer0.provider1.fdc.example.com");
            assertThat(peer.resolve("tls/server.crt")).exists();
            assertThat(peer.resolve("tls/server.key")).exists();
            assertThat(peer.resolve("tls/ca.crt")).exists();
            assertThat(peer.resolve("msp/cacerts/ca-cert.pem")).exists();
            assertThat(org.resolve("msp/tlscacerts/ca.crt")).exists();
            Map<String, Object> nodeOus =
                    map(yaml(org.resolve("msp/config.yaml")).get("NodeOUs"));
            assertThat(nodeOus.get("Enable")).isEqualTo(true);
            assertThat(map(nodeOus.get("AdminOUIdentifier")).get("Certificate")).isEqualTo("cacerts/ca-cert.pem");

            List<String> calls = Files.readAllLines(log);
            assertThat(calls)
                    .anyMatch(c -> c.startsWith("register")
                            && c.contains("--id.name alice")
                            && c.contains("--id.type client")
                            && c.contains("--id.attrs fdc.role=provider:ecert"))
                    .anyMatch(c -> c.startsWith("register")
                            && c.contains("--id.name provider1-admin")
                            && c.contains("--id.type admin")
                            && c.contains("--id.attrs fdc.role=token-admin:ecert"))
                    .anyMatch(c -> c.startsWith("register")
                            && c.contains("--id.name peer0")
                            && c.contains("--id.type peer")
                            && !c.contains("--id.attrs"))
                    .anyMatch(c -> c.startsWith("enroll")
                            && c.contains("--enrollment.profile tls")
                            && c.contains("--csr.hosts 127.0.0.1"));
            String secrets = Files.readString(work.resolve("secrets/provider1.env"));
            assertThat(secrets).containsPattern("SECRET_ALICE=[0-9a-f]{32}").contains("SECRET_PROVIDER1_ADMIN=");
            assertThat(Files.getPosixFilePermissions(work.resolve("secrets/provider1.env")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            long registrations =
                    calls.stream().filter(c -> c.startsWith("register")).count();
            Command again = enrol(work, bin, log);
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(Files.readAllLines(log).stream()
                            .filter(c -> c.startsWith("register"))
                            .count())
                    .as("a second run registers nobody again")
                    .isEqualTo(registrations);
        }

        @Test
        void anUnknownOrgIsRefused(@TempDir Path work) {
            Command run = Command.run(
                    repository, null, List.of("bash", "network-config/fabric-ca/enroll.sh", work.toString(), "nobody"));
            assertThat(run.exitCode()).isNotZero();
        }
    }

    @Nested
    class NodeConfig {
        @Test
        void peersServeTheGatewayAndRunChaincodeOnlyAsAService() {
            Map<String, Object> core = yaml(config.resolve("peer/core.yaml"));
            Map<String, Object> peer = map(core.get("peer"));
            assertThat(map(peer.get("gateway")).get("enabled")).isEqualTo(true);
            assertThat(map(peer.get("tls")).get("enabled")).isEqualTo(true);
            assertThat((String) peer.get("listenAddress")).startsWith("127.0.0.1:");
            assertThat(map(core.get("vm")).get("endpoint")).isEqualTo("");
            Map<String, Object> builder =
                    map(list(map(core.get("chaincode")).get("externalBuilders")).get(0));
            assertThat(builder.get("name")).isEqualTo("ccaas_builder");
            assertThat(builder.get("path")).isEqualTo("FDC_CCAAS_BUILDER_DIR");
            assertThat(list(builder.get("propagateEnvironment")))
                    .containsExactly("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG");
            assertThat(map(map(core.get("ledger")).get("history")).get("enableHistoryDatabase"))
                    .isEqualTo(true);
        }

        @Test
        void ordererHasNoSystemChannelAndAMutualTlsAdminEndpoint() {
            Map<String, Object> orderer = yaml(config.resolve("orderer/orderer.yaml"));
            assertThat(map(orderer.get("General")).get("BootstrapMethod")).isEqualTo("none");
            Map<String, Object> admin = map(orderer.get("Admin"));
            assertThat(admin.get("ListenAddress")).isEqualTo("127.0.0.1:" + env.ordererAdminPort());
            assertThat(map(admin.get("TLS")).get("ClientAuthRequired")).isEqualTo(true);
            assertThat(map(orderer.get("ChannelParticipation")).get("Enabled")).isEqualTo(true);
        }
    }

    @Nested
    class ChaincodePackages {
        @Test
        void sourcesAreCcaasWithATemplatedAddressThePeersFillIn() throws IOException {
            String network = Files.readString(repository.resolve("scripts/network.sh"));
            for (String chaincode : env.channelChaincodes().values()) {
                JsonNode connection =
                        json(config.resolve("chaincode").resolve(chaincode).resolve("connection.json"));
                assertThat(fieldNames(connection)).containsExactlyInAnyOrder("address", "dial_timeout", "tls_required");
                assertThat(connection.get("address").asText()).isEqualTo("{{." + chaincode + "_address}}");
                assertThat(connection.get("dial_timeout").asText()).matches("\\d+s");
                assertThat(connection.get("tls_required").isBoolean()).isTrue();
                // every peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG must define the key the template names
                assertThat(network).contains("\"" + chaincode + "_address\":\"127.0.0.1:%s\"");
                JsonNode metadata =
                        json(config.resolve("chaincode").resolve(chaincode).resolve("metadata.json"));
                assertThat(fieldNames(metadata)).containsExactlyInAnyOrder("type", "label");
                assertThat(metadata.get("type").asText()).isEqualTo("ccaas");
                assertThat(metadata.get("label").asText()).isEqualTo(chaincode + "_" + env.chaincodeVersion());
            }
        }

        @Test
        void packagesHoldMetadataAndCodeArchiveAndAreReproducible(@TempDir Path first, @TempDir Path second)
                throws IOException {
            Command one = Command.run(
                    repository,
                    null,
                    List.of("bash", "scripts/deploy-chaincode.sh", "--work", first.toString(), "package"));
            Command two = Command.run(
                    repository,
                    null,
                    List.of("bash", "scripts/deploy-chaincode.sh", "--work", second.toString(), "package"));
            assertThat(one.exitCode()).as(one.stderr()).isZero();
            assertThat(two.exitCode()).as(two.stderr()).isZero();
            for (String chaincode : env.channelChaincodes().values()) {
                Path pkg = first.resolve("packages").resolve(chaincode + ".tar.gz");
                assertThat(Files.readAllBytes(pkg))
                        .isEqualTo(Files.readAllBytes(second.resolve("packages").resolve(chaincode + ".tar.gz")));
                assertThat(tarList(pkg, first)).containsExactlyInAnyOrder("metadata.json", "code.tar.gz");
                Path unpacked = Files.createDirectories(first.resolve("unpacked-" + chaincode));
                untar(pkg, unpacked);
                assertThat(tarList(unpacked.resolve("code.tar.gz"), unpacked)).containsExactly("connection.json");
                JsonNode metadata = json(unpacked.resolve("metadata.json"));
                assertThat(metadata.get("type").asText()).isEqualTo("ccaas");
                String label = chaincode + "_" + env.chaincodeVersion();
                assertThat(metadata.get("label").asText()).isEqualTo(label);
                // Fabric's package id: label, colon, SHA-256 of the package file
                assertThat(one.stdout()).contains("package id " + label + ":" + sha256Hex(Files.readAllBytes(pkg)));
            }
        }

        @Test
        void aNewVersionChangesTheLabelAndSoThePackageId(@TempDir Path work) throws IOException {
            Command run = Command.run(
                    repository,
                    null,
                    List.of(
                            "bash",
                            "scripts/deploy-chaincode.sh",
                            "--work",
                            work.toString(),
                            "--version",
                            "2.0",
                            "package"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            Path unpacked = Files.createDirectories(work.resolve("unpacked"));
            untar(work.resolve("packages/registration.tar.gz"), unpacked);
            assertThat(json(unpacked.resolve("metadata.json")).get("label").asText())
                    .isEqualTo("registration_2.0");
        }

        @Test
        void aMalformedVersionIsRefused(@TempDir Path work) {
            Command run = Command.run(
                    repository,
                    null,
                    List.of(
                            "bash",
                            "scripts/deploy-chaincode.sh",
                            "--work",
                            work.toString(),
                            "--version",
                            "1 0;x",
                            "package"));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("--version must be");
            assertThat(work.resolve("packages")).doesNotExist();
        }

        private static List<String> tarList(Path archive, Path dir) {
            Command list = Command.run(dir, null, List.of("tar", "-tzf", archive.toString()));
            assertThat(list.exitCode()).as(list.stderr()).isZero();
            return List.of(list.stdout().strip().split("\n"));
        }

        private static void untar(Path archive, Path into) {
            Command untar = Command.run(into, null, List.of("tar", "-xzf", archive.toString()));
            assertThat(untar.exitCode()).as(untar.stderr()).isZero();
        }

        private static String sha256Hex(byte[] bytes) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class ConnectionProfiles {
        private ConnectionProfile read(String name) throws IOException {
            return strictJson()
                    .readValue(
                            config.resolve("profiles").resolve(name + ".json").toFile(), ConnectionProfile.class);
        }

        @Test
        void eachOrgsProfileReachesItsOwnPeerAsItsOwnUsers() throws IOException {
            for (PeerOrg org : env.orgs()) {
                ConnectionProfile profile = read(org.name());
                String domain = env.orgDomain(org.name());
                assertThat(profile.gateway().address()).isEqualTo("127.0.0.1:" + org.peerPort());
                assertThat(profile.gateway().serverNameOverride()).isEqualTo("peer0." + domain);
                assertThat(profile.gateway().tlsRootCert())
                        .isEqualTo("../organizations/peerOrganizations/" + domain + "/tlsca/tlsca." + domain
                                + "-cert.pem");
                assertThat(profile.channels()).isEqualTo(ConnectionProfile.ChannelNames.defaults());
                Map<String, String> expectedRoles = new TreeMap<>();
                env.users().stream()
                        .filter(u -> u.org().equals(org.name()))
                        .forEach(u -> expectedRoles.put(u.name(), u.role()));
                Map<String, String> roles = new TreeMap<>();
                profile.identities().forEach((name, id) -> roles.put(name, id.role()));
                assertThat(roles).as(org.name()).isEqualTo(expectedRoles);
                profile.identities().forEach((name, id) -> assertIdentityFiles(org, name, id));
            }
        }

        @Test
        void theTrialProfileHoldsEveryUserOfEveryOrg() throws IOException {
            ConnectionProfile trial = read("trial");
            assertThat(trial.identities().keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            env.users().stream().map(User::name).toList());
            for (User user : env.users()) {
                PeerOrg org = env.org(user.org());
                ConnectionProfile.ProfileIdentity id = trial.identities().get(user.name());
                assertThat(id.role()).isEqualTo(user.role());
                assertIdentityFiles(org, user.name(), id);
            }
        }

        private void assertIdentityFiles(PeerOrg org, String name, ConnectionProfile.ProfileIdentity id) {
            String domain = env.orgDomain(org.name());
            String msp = "../organizations/peerOrganizations/" + domain + "/users/" + name + "@" + domain + "/msp";
            assertThat(id.mspId()).isEqualTo(org.mspId());
            assertThat(id.certificate()).isEqualTo(msp + "/signcerts/cert.pem");
            assertThat(id.privateKey()).isEqualTo(msp + "/keystore/priv_sk");
        }

        @Test
        void everyProfileFileIsAnOrgsOrTheTrials() throws IOException {
            Set<String> expected =
                    env.orgs().stream().map(o -> o.name() + ".json").collect(Collectors.toSet());
            expected.add("trial.json");
            try (Stream<Path> files = Files.list(config.resolve("profiles"))) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Nested
    class Prerequisites {
        /** A PATH with bash and the few tools the scripts use before checking, but none of Fabric's binaries. */
        private Map<String, String> pathWithout(Path bin, String... extra) throws IOException {
            List<String> tools = new ArrayList<>(List.of("bash", "dirname"));
            tools.addAll(List.of(extra));
            for (String tool : tools) {
                Path target = tool.equals("java")
                        ? Path.of(System.getProperty("java.home"), "bin", "java")
                        : Command.locate(tool);
                // a wrapper rather than a symlink, so the temporary directory holds only its own files
                Path wrapper = bin.resolve(tool);
                Files.writeString(wrapper, "#!" + Command.locate("bash") + "\nexec '" + target + "' \"$@\"\n");
                assertThat(wrapper.toFile().setExecutable(true)).isTrue();
            }
            return Map.of("PATH", bin.toString(), "HOME", bin.toString());
        }

        @Test
        void upNamesEveryMissingBinaryAndWhereToGetIt(@TempDir Path bin, @TempDir Path work) throws IOException {
            Command up = Command.run(
                    repository,
                    pathWithout(bin),
                    List.of(Command.locate("bash").toString(), "scripts/network.sh", "--work", work.toString(), "up"));
            assertThat(up.exitCode()).isEqualTo(69);
            assertThat(up.stderr())
                    .contains("missing prerequisites: peer orderer openssl fabric-ca-server fabric-ca-client")
                    .contains("CCaaS builder")
                    .contains("install-fabric.sh")
                    .contains("https://github.com/hyperledger/fabric/releases");
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).as("nothing written before the check").isEmpty();
            }
        }

        @Test
        void channelsNeedsConfigtxgenAndOsnadmin(@TempDir Path bin, @TempDir Path work) throws IOException {
            Command channels = Command.run(
                    repository,
                    pathWithout(bin),
                    List.of(
                            Command.locate("bash").toString(),
                            "scripts/network.sh",
                            "--work",
                            work.toString(),
                            "channels"));
            assertThat(channels.exitCode()).isEqualTo(69);
            assertThat(channels.stderr()).contains("missing prerequisites: peer configtxgen osnadmin");
        }

        @Test
        void cryptogenModeAsksForCryptogenInsteadOfTheCa(@TempDir Path bin, @TempDir Path work) throws IOException {
            Command up = Command.run(
                    repository,
                    pathWithout(bin, "openssl"),
                    List.of(
                            Command.locate("bash").toString(),
                            "scripts/network.sh",
                            "--work",
                            work.toString(),
                            "--crypto",
                            "cryptogen",
                            "up"));
            assertThat(up.exitCode()).isEqualTo(69);
            assertThat(up.stderr())
                    .contains("missing prerequisites: peer orderer cryptogen")
                    .doesNotContain("fabric-ca-server");
        }

        @Test
        void deployingChaincodeNeedsThePeerCli(@TempDir Path bin, @TempDir Path work) throws IOException {
            Command deploy = Command.run(
                    repository,
                    pathWithout(bin, "tar", "gzip", "sha256sum", "java"),
                    List.of(
                            Command.locate("bash").toString(),
                            "scripts/deploy-chaincode.sh",
                            "--work",
                            work.toString(),
                            "install"));
            assertThat(deploy.exitCode()).isEqualTo(69);
            assertThat(deploy.stderr()).contains("missing prerequisites: peer").contains("fabric/releases");
        }

        @Test
        void unknownArgumentsGetTheUsage() {
            Command run = Command.run(repository, null, List.of("bash", "scripts/network.sh", "sideways"));
            assertThat(run.exitCode()).isEqualTo(64);
            assertThat(run.stderr()).contains("unknown argument: sideways").contains("network.sh [options] up");
        }

        @Test
        void downWithNothingStartedStopsNothing(@TempDir Path work) {
            Command run = Command.run(
                    repository, null, List.of("bash", "scripts/network.sh", "--work", work.toString(), "down"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderr()).doesNotContain("stopped");
        }
    }

    @Nested
    class ShellScripts {
        @Test
        void everyScriptIsStrictBashThatParses() throws IOException {
            for (String script : SCRIPTS) {
                String text = Files.readString(repository.resolve(script));
                // network.env and scripts/lib/ are sourced, so they set no shell options of their own
                if (!script.endsWith(".env") && !script.startsWith("scripts/lib/")) {
                    assertThat(text)
                            .as(script)
                            .startsWith("#!/usr/bin/env bash")
                            .contains("\nset -euo pipefail\n");
                }
                Command parse = Command.run(repository, null, List.of("bash", "-n", script));
                assertThat(parse.exitCode()).as(script + ": " + parse.stderr()).isZero();
            }
        }

        /** Asserts shellcheck-cleanliness on machines that have shellcheck (apt-get install shellcheck). */
        @Test
        void shellcheckFindsNothingWhereShellcheckIsInstalled() {
            assumeTrue(Command.onPath("shellcheck"), "shellcheck is not installed here");
            List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
            command.addAll(SCRIPTS);
            Command check = Command.run(repository, null, command);
            assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
        }
    }
}
