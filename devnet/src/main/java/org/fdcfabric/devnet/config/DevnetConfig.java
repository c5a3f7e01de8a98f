package org.fdcfabric.devnet.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fdcfabric.protocol.Role;

/**
 * The devnet's YAML configuration. Chaincode jar paths are relative to {@code baseDirectory} (the config file's
 * folder, or the working directory for the built-in default).
 *
 * @param name the network's name, shown in the connection profile
 * @param ordererOrg the ordering organisation (its orderer node signs blocks)
 * @param orgs the application organisations, each with one peer and its users
 * @param gatewayOrg the MSP id of the org whose peer hosts the gateway the clients talk to
 * @param channels the channels, their member orgs and chaincodes
 * @param batch block cutting
 */
public record DevnetConfig(
        String name,
        OrgConfig ordererOrg,
        List<OrgConfig> orgs,
        String gatewayOrg,
        List<ChannelConfig> channels,
        BatchSettings batch,
        Path baseDirectory) {

    private static final Pattern ORG_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9.-]{0,62}");
    private static final Pattern USER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final List<String> ROLES =
            Arrays.stream(Role.values()).map(Role::attributeValue).toList();

    /** An organisation: a short name used in host and folder names, and its MSP id. */
    public record OrgConfig(String name, String mspId, List<UserConfig> users) {
        public OrgConfig {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /** A user; {@code admin} users get the admin NodeOU, the others the client NodeOU. */
    public record UserConfig(String name, String role, boolean admin) {}

    public record ChannelConfig(String name, List<String> orgs, List<ChaincodeConfig> chaincodes) {
        public ChannelConfig {
            orgs = List.copyOf(orgs);
            chaincodes = List.copyOf(chaincodes);
        }
    }

    /** @param policy {@code MAJORITY Endorsement} (Fabric's default) or a signature policy such as {@code OR(...)} */
    public record ChaincodeConfig(String name, String version, String jar, String policy) {}

    public record BatchSettings(int maxMessageCount, long timeoutMillis) {}

    public DevnetConfig {
        orgs = List.copyOf(orgs);
        channels = List.copyOf(channels);
        if (batch == null) {
            batch = new BatchSettings(500, 20);
        }
        validate(name, ordererOrg, orgs, gatewayOrg, channels, batch);
    }

    public Optional<OrgConfig> org(String mspId) {
        return orgs.stream().filter(org -> org.mspId().equals(mspId)).findFirst();
    }

    public Path jar(ChaincodeConfig chaincode) {
        Path jar = Path.of(chaincode.jar());
        return jar.isAbsolute() ? jar : baseDirectory.resolve(jar).normalize();
    }

    /**
     * This network with each chaincode's jar taken from {@code directory} by its file name: an installed
     * distribution keeps the jars in one folder, where a checkout has them in each chaincode module's target.
     */
    public DevnetConfig withJarsIn(Path directory) {
        Path folder = directory.toAbsolutePath().normalize();
        List<ChannelConfig> moved = channels.stream()
                .map(channel -> new ChannelConfig(
                        channel.name(),
                        channel.orgs(),
                        channel.chaincodes().stream()
                                .map(cc -> new ChaincodeConfig(
                                        cc.name(),
                                        cc.version(),
                                        folder.resolve(Path.of(cc.jar()).getFileName())
                                                .toString(),
                                        cc.policy()))
                                .toList()))
                .toList();
        return new DevnetConfig(name, ordererOrg, orgs, gatewayOrg, moved, batch, folder);
    }

    /** Reads a config file; relative jar paths resolve against the file's folder. */
    public static DevnetConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read devnet config " + file + ": " + e.getMessage(), e);
        }
    }

    /** The built-in FDC network; jar paths resolve against {@code baseDirectory} (normally the repository root). */
    public static DevnetConfig defaults(Path baseDirectory) {
        try (InputStream in = DevnetConfig.class.getResourceAsStream("devnet-default.yaml")) {
            return read(in, baseDirectory.toAbsolutePath());
        } catch (IOException e) {
            throw new IllegalStateException("built-in devnet config is unreadable", e);
        }
    }

    private static DevnetConfig read(InputStream in, Path base) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                // an absent "admin" flag means false
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Document file = yaml.readValue(in, Document.class);
        return new DevnetConfig(
                file.name(), file.ordererOrg(), file.orgs(), file.gatewayOrg(), file.channels(), file.batch(), base);
    }

    /** The file's shape: everything but the base directory. */
    private record Document(
            String name,
            OrgConfig ordererOrg,
            List<OrgConfig> orgs,
            String gatewayOrg,
            List<ChannelConfig> channels,
            BatchSettings batch) {}

    private static void validate(
            String name,
            OrgConfig ordererOrg,
            List<OrgConfig> orgs,
            String gatewayOrg,
            List<ChannelConfig> channels,
            BatchSettings batch) {
        require(name != null && !name.isBlank(), "name is required");
        require(ordererOrg != null, "ordererOrg is required");
        require(!orgs.isEmpty(), "at least one application org is required");
        Set<String> orgNames = new HashSet<>();
        Set<String> mspIds = new HashSet<>();
        Set<String> userNames = new HashSet<>();
        for (OrgConfig org : Stream.concat(Stream.of(ordererOrg), orgs.stream()).toList()) {
            require(
                    org.name() != null && ORG_NAME.matcher(org.name()).matches(),
                    "org name must match " + ORG_NAME + ": " + org.name());
            require(
                    org.mspId() != null && MSP_ID.matcher(org.mspId()).matches(),
                    "MSP id must match " + MSP_ID + ": " + org.mspId());
            require(orgNames.add(org.name()), "org name used twice: " + org.name());
            require(mspIds.add(org.mspId()), "MSP id used twice: " + org.mspId());
            for (UserConfig user : org.users()) {
                require(
                        user.name() != null && USER_NAME.matcher(user.name()).matches(),
                        "user name must match " + USER_NAME + ": " + user.name());
                require(
                        userNames.add(user.name()),
                        "user name used twice (names are unique network-wide): " + user.name());
                require(
                        user.role() == null || ROLES.contains(user.role()),
                        "role of " + user.name() + " must be one of " + ROLES + ": " + user.role());
            }
        }
        require(
                orgs.stream().anyMatch(org -> org.mspId().equals(gatewayOrg)),
                "gatewayOrg must be an application org's MSP id: " + gatewayOrg);
        Set<String> channelNames = new HashSet<>();
        for (ChannelConfig channel : channels) {
            require(
                    channel.name() != null && channel.name().matches("[a-z][a-z0-9.-]{0,248}"),
                    "channel name must match [a-z][a-z0-9.-]{0,248}: " + channel.name());
            require(channelNames.add(channel.name()), "channel defined twice: " + channel.name());
            require(!channel.orgs().isEmpty(), "channel " + channel.name() + " needs member orgs");
            for (String member : channel.orgs()) {
                require(
                        orgs.stream().anyMatch(org -> org.mspId().equals(member)),
                        "channel " + channel.name() + " names an unknown org: " + member);
            }
            Set<String> chaincodeNames = new HashSet<>();
            for (ChaincodeConfig chaincode : channel.chaincodes()) {
                require(
                        chaincode.name() != null && chaincode.name().matches("[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*"),
                        "chaincode name is invalid: " + chaincode.name());
                require(chaincodeNames.add(chaincode.name()), "chaincode defined twice on " + channel.name());
                require(
                        chaincode.version() != null && !chaincode.version().isBlank(),
                        "chaincode " + chaincode.name() + " needs a version");
                require(
                        chaincode.jar() != null && !chaincode.jar().isBlank(),
                        "chaincode " + chaincode.name() + " needs a jar");
                require(
                        chaincode.policy() != null && !chaincode.policy().isBlank(),
                        "chaincode " + chaincode.name() + " needs an endorsement policy");
            }
        }
        require(
                batch.maxMessageCount() >= 1 && batch.maxMessageCount() <= 10_000,
                "batch.maxMessageCount must be 1-10000");
        require(batch.timeoutMillis() >= 1 && batch.timeoutMillis() <= 60_000, "batch.timeoutMillis must be 1-60000");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("devnet config: " + message);
        }
    }
}
