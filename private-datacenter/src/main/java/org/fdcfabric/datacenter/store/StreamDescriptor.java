package org.fdcfabric.datacenter.store;

import java.util.Objects;
import org.fdcfabric.datacenter.device.SensorModel;

/** A named series of readings from one kind of sensor, e.g. one school's wearables or one edge device. */
public record StreamDescriptor(String id, SensorModel model, StreamSource source) {
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    public StreamDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        requireValidId(id);
    }

    public static String requireValidId(String id) {
        if (!id.matches(ID_PATTERN)) {
            throw new IllegalArgumentException(
                    "stream id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-', starting alphanumeric");
        }
        return id;
    }
}
