package org.fdcfabric.datacenter.device;

import com.pi4j.io.i2c.I2C;

/**
 * Analog Devices ADXL345 three-axis accelerometer on I2C (address 0x53 with SDO/ALT low). Runs in full
 * resolution, where every range keeps the datasheet's 256 LSB/g (3.9 mg/LSB), so one scale converts any range.
 */
public final class Adxl345 implements Sensor {
    /** The default I2C address (ALT ADDRESS pin low). */
    public static final int ADDRESS = 0x53;

    static final int REG_DEVID = 0x00;
    static final int REG_BW_RATE = 0x2C;
    static final int REG_POWER_CTL = 0x2D;
    static final int REG_DATA_FORMAT = 0x31;
    static final int REG_DATAX0 = 0x32;
    static final int DEVICE_ID = 0xE5;
    static final int POWER_CTL_MEASURE = 0x08;
    static final int DATA_FORMAT_FULL_RES = 0x08;
    static final double LSB_PER_G = 256.0;

    /** Measurement range (DATA_FORMAT bits D1..D0). */
    public enum Range {
        G2(0b00),
        G4(0b01),
        G8(0b10),
        G16(0b11);

        final int bits;

        Range(int bits) {
            this.bits = bits;
        }
    }

    /** Output data rate (BW_RATE rate code, datasheet table 7). */
    public enum DataRate {
        HZ_6_25(0x6),
        HZ_12_5(0x7),
        HZ_25(0x8),
        HZ_50(0x9),
        HZ_100(0xA),
        HZ_200(0xB),
        HZ_400(0xC),
        HZ_800(0xD),
        HZ_1600(0xE),
        HZ_3200(0xF);

        final int code;

        DataRate(int code) {
            this.code = code;
        }
    }

    private final RegisterBus bus;

    private Adxl345(RegisterBus bus) {
        this.bus = bus;
    }

    /** Checks the device id, sets range and data rate, then starts measuring. */
    public static Adxl345 open(I2C i2c, Range range, DataRate rate) {
        RegisterBus bus = new RegisterBus(i2c, "ADXL345");
        int id = bus.readUnsigned(REG_DEVID);
        if (id != DEVICE_ID) {
            throw new SensorException(String.format(
                    "ADXL345: DEVID is 0x%02X, expected 0x%02X (wrong device or address)", id, DEVICE_ID));
        }
        bus.write(REG_DATA_FORMAT, DATA_FORMAT_FULL_RES | range.bits);
        bus.write(REG_BW_RATE, rate.code);
        bus.write(REG_POWER_CTL, POWER_CTL_MEASURE);
        return new Adxl345(bus);
    }

    @Override
    public SensorModel model() {
        return SensorModel.ADXL345;
    }

    /**
     * Reads DATAX0..DATAZ1 in one burst, as the datasheet requires so that no axis changes between reads, and
     * converts each little-endian two's-complement pair to g.
     */
    @Override
    public double[] sample() {
        byte[] data = bus.burst(REG_DATAX0, 6);
        return new double[] {toG(data[0], data[1]), toG(data[2], data[3]), toG(data[4], data[5])};
    }

    static double toG(byte low, byte high) {
        short raw = (short) (((high & 0xFF) << 8) | (low & 0xFF));
        return raw / LSB_PER_G;
    }

    @Override
    public void close() {
        bus.write(REG_POWER_CTL, 0);
        bus.close();
    }
}
