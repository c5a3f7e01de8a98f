package org.fdcfabric.client.config;

/** A configuration file that cannot be used: the message names the file and the key, and says what is wrong. */
public final class ConfigException extends Exception {
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The dotted key at fault, e.g. {@code tls.certificate}. */
    public String key() {
        return key;
    }
}
