package org.fdcfabric.client.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.profile.ConnectionProfile;
import org.fdcfabric.protocol.profile.ConnectionProfile.ChannelNames;
import org.fdcfabric.protocol.profile.ConnectionProfile.GatewayEndpoint;
import org.fdcfabric.protocol.profile.ConnectionProfile.ProfileIdentity;

/**
 * Reads a connection profile from YAML ({@code .yaml}, {@code .yml}) or JSON (anything else) and checks it before
 * anyone dials: every field known, required fields present, addresses and MSP ids well formed. Files the profile
 * names are checked when an identity is loaded ({@link LoadedProfile#signingMaterial}).
 */
public final class ProfileReader {
    /** Profiles are small; a bigger file is not a profile. */
    static final long MAX_PROFILE_BYTES = 1024 * 1024;

    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+]:\\d{1,5}");
    private static final Pattern IDENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public LoadedProfile read(Path file) throws ProfileInvalid {
        Path absolute = file.toAbsolutePath().normalize();
        byte[] bytes = readBytes(absolute);
        ConnectionProfile profile;
        try {
            profile = mapperFor(absolute).readValue(bytes, ConnectionProfile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ProfileInvalid(
                    absolute,
                    "unknown field '" + path(e) + "'; known fields there: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", ")),
                    e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw notValid(absolute, syntax);
            }
            throw new ProfileInvalid(
                    absolute, "bad value for '" + path(e) + "'" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (StreamReadException e) {
            throw notValid(absolute, e);
        } catch (IOException e) {
            throw new ProfileInvalid(absolute, "cannot be parsed: " + e.getMessage(), e);
        }
        if (profile == null) {
            throw new ProfileInvalid(absolute, "is empty");
        }
        return new LoadedProfile(absolute, validated(absolute, profile));
    }

    private static byte[] readBytes(Path file) throws ProfileInvalid {
        try {
            if (Files.isDirectory(file)) {
                throw new ProfileInvalid(file, "is a directory, not a connection profile");
            }
            long size = Files.size(file);
            if (size > MAX_PROFILE_BYTES) {
                throw new ProfileInvalid(
                        file, "is " + size + " bytes; a connection profile is at most " + MAX_PROFILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProfileInvalid(
                    file, "no such connection profile (start the devnet with 'fdc devnet up' or pass --profile)", e);
        } catch (AccessDeniedException e) {
            throw new ProfileInvalid(file, "connection profile is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new ProfileInvalid(file, "connection profile cannot be read: " + e.getMessage(), e);
        }
    }

    private static ConnectionProfile validated(Path file, ConnectionProfile p) throws ProfileInvalid {
        require(file, p.name() != null && !p.name().isBlank(), "field 'name' is required");
        GatewayEndpoint gateway = p.gateway();
        require(file, gateway != null, "field 'gateway' is required (address, tlsRootCert, serverNameOverride)");
        require(file, gateway.address() != null, "field 'gateway.address' is required (host:port)");
        require(
                file,
                HOST_PORT.matcher(gateway.address()).matches() && port(gateway.address()) <= 65535,
                "field 'gateway.address' must be host:port, was '" + gateway.address() + "'");
        require(
                file,
                gateway.tlsRootCert() != null && !gateway.tlsRootCert().isBlank(),
                "field 'gateway.tlsRootCert' is required (PEM file of the CA that issued the gateway's TLS certificate)");
        ChannelNames channels = p.channels() == null ? ChannelNames.defaults() : p.channels();
        require(
                file,
                channels.registration() != null
                        && channels.registrationChaincode() != null
                        && channels.collaboration() != null
                        && channels.collaborationChaincode() != null,
                "field 'channels' must name registration, registrationChaincode, collaboration and collaborationChaincode");
        require(file, !p.identities().isEmpty(), "field 'identities' must list at least one identity");
        for (Map.Entry<String, ProfileIdentity> e : p.identities().entrySet()) {
            String name = e.getKey();
            ProfileIdentity id = e.getValue();
            String where = "identity '" + name + "'";
            require(
                    file,
                    IDENTITY_NAME.matcher(name).matches(),
                    where + ": name must match " + IDENTITY_NAME.pattern());
            require(file, id != null, where + " is empty");
            require(
                    file,
                    id.mspId() != null && InputChecks.MSP_ID.matcher(id.mspId()).matches(),
                    where + ": field 'mspId' is required and must match " + InputChecks.MSP_ID.pattern());
            require(
                    file,
                    id.certificate() != null && !id.certificate().isBlank(),
                    where + ": field 'certificate' is required");
            require(
                    file,
                    id.privateKey() != null && !id.privateKey().isBlank(),
                    where + ": field 'privateKey' is required");
        }
        return new ConnectionProfile(p.name(), gateway, channels, p.identities());
    }

    private static ProfileInvalid notValid(Path file, StreamReadException e) {
        return new ProfileInvalid(file, "not valid " + formatOf(file) + at(e) + ": " + e.getOriginalMessage(), e);
    }

    /** The field's path in dotted form, for example {@code identities.alice.mspId}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static void require(Path file, boolean ok, String reason) throws ProfileInvalid {
        if (!ok) {
            throw new ProfileInvalid(file, reason);
        }
    }

    /** Only the mapper the file needs: building the YAML one too costs a command's start-up for nothing. */
    private static ObjectMapper mapperFor(Path file) {
        return strict(
                formatOf(file).equals("YAML")
                        ? new YAMLMapper()
                        : JsonMapper.builder().build());
    }

    private static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? "YAML" : "JSON";
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
