package org.fdcfabric.datacenter.device;

import java.util.List;
import java.util.Locale;

/** The sensor parts the data center knows, each with its channels and datasheet ranges. */
public enum SensorModel {
    /** Analog Devices ADXL345, full resolution, widest range setting (datasheet: +-16 g). */
    ADXL345(List.of(new Channel("x", "g", -16, 16), new Channel("y", "g", -16, 16), new Channel("z", "g", -16, 16))),
    /** Bosch BME280 operating range (datasheet section 1: -40..85 degC, 0..100 %RH, 300..1100 hPa). */
    BME280(List.of(
            new Channel("temperature", "degC", -40, 85),
            new Channel("humidity", "%RH", 0, 100),
            new Channel("pressure", "hPa", 300, 1100))),
    /** The wearable of the FDC case study (Table I: acceleration range -8 g to 8 g), per-second values. */
    FDC_WEARABLE(List.of(new Channel("x", "g", -8, 8), new Channel("y", "g", -8, 8), new Channel("z", "g", -8, 8)));

    private final List<Channel> channels;

    SensorModel(List<Channel> channels) {
        this.channels = channels;
    }

    public List<Channel> channels() {
        return channels;
    }

    public List<String> channelNames() {
        return channels.stream().map(Channel::name).toList();
    }

    /** Parses a model name case-insensitively, naming the known models when it is not one of them. */
    public static SensorModel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown sensor model '" + name + "', expected one of " + List.of(values()), e);
        }
    }
}
