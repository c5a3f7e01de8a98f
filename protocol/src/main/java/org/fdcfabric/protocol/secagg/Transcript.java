package org.fdcfabric.protocol.secagg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Length-prefixed concatenation, so that the inputs of a signature, HKDF or commitment can never be re-split into
 * different fields that give the same bytes.
 */
final class Transcript {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Transcript(String domain) {
        add(domain);
    }

    Transcript add(String value) {
        return add(value.getBytes(StandardCharsets.UTF_8));
    }

    Transcript add(long value) {
        return add(Long.toString(value));
    }

    Transcript add(byte[] value) {
        int n = value.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(value);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
