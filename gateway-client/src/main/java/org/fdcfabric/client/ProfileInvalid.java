package org.fdcfabric.client;

import java.nio.file.Path;

/** A connection profile, or a file it points to, is missing, unreadable or wrong; the message says which and why. */
public final class ProfileInvalid extends FdcClientException {
    private final Path file;

    public ProfileInvalid(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public ProfileInvalid(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The file at fault (the profile itself, or a certificate or key it names). */
    public Path file() {
        return file;
    }
}
