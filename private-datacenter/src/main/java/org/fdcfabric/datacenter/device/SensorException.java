package org.fdcfabric.datacenter.device;

/** A device did not answer as its datasheet says it must (wrong id, short read, bus failure). */
public final class SensorException extends RuntimeException {
    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
