package org.fdcfabric.client.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One section of a service's YAML configuration file, read key by key so that every mistake is reported with the
 * file and the full dotted key: a missing key, a value of the wrong kind, a file that does not exist, and a key
 * nobody reads (most often a typo, which would otherwise silently fall back to a default). Relative paths resolve
 * against the file's directory, so a config file can be moved together with its material.
 */
public final class ConfigTree {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final String prefix;
    private final JsonNode node;

    private ConfigTree(Path file, String prefix, JsonNode node) {
        this.file = file;
        this.prefix = prefix;
        this.node = node;
    }

    /** Reads {@code file}; an unreadable or malformed file is a {@link ConfigException} for the key {@code ""}. */
    public static ConfigTree read(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("", "config file " + file + " is not a YAML mapping");
        }
        return new ConfigTree(file, "", root);
    }

    public Path file() {
        return file;
    }

    private String key(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private ConfigException error(String name, String problem) {
        return new ConfigException(key(name), "config " + file + ": key '" + key(name) + "' " + problem);
    }

    /** Refuses keys other than {@code known} (a misspelt key would otherwise be ignored). */
    public ConfigTree only(String... known) throws ConfigException {
        Set<String> allowed = Set.of(known);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(name, "is not known here; known keys: " + String.join(", ", known));
            }
        }
        return this;
    }

    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    public ConfigTree section(String name) throws ConfigException {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw error(name, "is missing");
        }
        if (!child.isObject()) {
            throw error(name, "must be a mapping");
        }
        return new ConfigTree(file, key(name), child);
    }

    public Optional<ConfigTree> optionalSection(String name) throws ConfigException {
        return has(name) ? Optional.of(section(name)) : Optional.empty();
    }

    /** The entries of a list of mappings. */
    public List<ConfigTree> list(String name) throws ConfigException {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw error(name, "is missing");
        }
        if (!child.isArray()) {
            throw error(name, "must be a list");
        }
        List<ConfigTree> entries = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) {
            JsonNode entry = child.get(i);
            if (!entry.isObject()) {
                throw error(name + "[" + i + "]", "must be a mapping");
            }
            entries.add(new ConfigTree(file, key(name) + "[" + i + "]", entry));
        }
        return entries;
    }

    /** The keys of a mapping section in file order, for maps such as {@code MSP id -> CA file}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public String string(String name) throws ConfigException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw error(name, "is missing");
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(name, "must be a non-empty text");
        }
        return value.asText().strip();
    }

    public Optional<String> optionalString(String name) throws ConfigException {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    public long number(String name, long defaultValue, long min, long max) throws ConfigException {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode value = node.get(name);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw error(name, "must be a whole number, not '" + value.asText() + "'");
        }
        long n = value.asLong();
        if (n < min || n > max) {
            throw error(name, "must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    /** A path to an existing, readable file, relative to the config file's directory. */
    public Path readableFile(String name) throws ConfigException {
        Path path = path(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw error(name, "names " + path + ", which is not a readable file");
        }
        return path;
    }

    /** A path (which need not exist yet), relative to the config file's directory. */
    public Path path(String name) throws ConfigException {
        Path path = Path.of(string(name));
        Path dir = file.toAbsolutePath().getParent();
        return (path.isAbsolute() ? path : dir.resolve(path)).normalize();
    }

    /** {@code host:port}; port 0 means any free port. */
    public InetSocketAddress address(String name) throws ConfigException {
        String text = string(name);
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || !text.substring(colon + 1).matches("\\d{1,5}")) {
            throw error(name, "must be host:port, not '" + text + "'");
        }
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port > 65535) {
            throw error(name, "has port " + port + ", above 65535");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * A secret's value, from {@code {env: NAME}} or {@code {file: PATH}}; inline values are refused so a secret is
     * never in a file that is copied around with the configuration.
     */
    public char[] secret(String name, Map<String, String> environment) throws ConfigException {
        ConfigTree source = section(name).only("env", "file");
        if (source.has("env") == source.has("file")) {
            throw error(name, "must name exactly one source: {env: VARIABLE} or {file: PATH}");
        }
        if (source.has("env")) {
            String variable = source.string("env");
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                throw error(name, "names environment variable " + variable + ", which is not set");
            }
            return value.toCharArray();
        }
        Path path = source.readableFile("file");
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw error(name, "names file " + path + ", which cannot be read: " + e.getMessage());
        }
    }

    /** A mapping of names to readable files, e.g. {@code MSP id -> CA certificate}. */
    public Map<String, Path> files(String name) throws ConfigException {
        ConfigTree section = section(name);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String entry : section.names()) {
            files.put(entry, section.readableFile(entry));
        }
        if (files.isEmpty()) {
            throw error(name, "must name at least one entry");
        }
        return files;
    }
}
