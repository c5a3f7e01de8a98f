package org.fdcfabric.datacenter.device;

import com.pi4j.io.i2c.I2C;

/**
 * Bosch BME280 temperature, humidity and pressure sensor on I2C (address 0x76 or 0x77). Compensation uses the
 * datasheet's integer formulas (section 4.2.3: 32-bit temperature and humidity, 64-bit pressure) with the
 * trimming parameters read from the part at start-up.
 */
public final class Bme280 implements Sensor {
    public static final int ADDRESS_PRIMARY = 0x76;
    public static final int ADDRESS_SECONDARY = 0x77;

    static final int REG_CALIB_00 = 0x88;
    static final int REG_CHIP_ID = 0xD0;
    static final int REG_CALIB_26 = 0xE1;
    static final int REG_CTRL_HUM = 0xF2;
    static final int REG_CTRL_MEAS = 0xF4;
    static final int REG_CONFIG = 0xF5;
    static final int REG_PRESS_MSB = 0xF7;
    static final int CHIP_ID = 0x60;
    static final int OVERSAMPLING_X1 = 0b001;
    static final int MODE_NORMAL = 0b11;
    private static final int SKIPPED_20BIT = 0x80000;
    private static final int SKIPPED_16BIT = 0x8000;

    private final RegisterBus bus;
    private final Calibration calibration;

    private Bme280(RegisterBus bus, Calibration calibration) {
        this.bus = bus;
        this.calibration = calibration;
    }

    /** Checks the chip id, reads the trimming parameters and starts normal mode with x1 oversampling. */
    public static Bme280 open(I2C i2c) {
        RegisterBus bus = new RegisterBus(i2c, "BME280");
        int id = bus.readUnsigned(REG_CHIP_ID);
        if (id != CHIP_ID) {
            throw new SensorException(
                    String.format("BME280: chip id is 0x%02X, expected 0x%02X (wrong device or address)", id, CHIP_ID));
        }
        Calibration calibration = Calibration.parse(bus.burst(REG_CALIB_00, 26), bus.burst(REG_CALIB_26, 7));
        // ctrl_hum only takes effect after the following write to ctrl_meas (datasheet 5.4.3).
        bus.write(REG_CTRL_HUM, OVERSAMPLING_X1);
        bus.write(REG_CONFIG, 0);
        bus.write(REG_CTRL_MEAS, (OVERSAMPLING_X1 << 5) | (OVERSAMPLING_X1 << 2) | MODE_NORMAL);
        return new Bme280(bus, calibration);
    }

    @Override
    public SensorModel model() {
        return SensorModel.BME280;
    }

    /** Returns temperature (degC), relative humidity (%RH) and pressure (hPa), read in one burst. */
    @Override
    public double[] sample() {
        byte[] d = bus.burst(REG_PRESS_MSB, 8);
        int adcP = ((d[0] & 0xFF) << 12) | ((d[1] & 0xFF) << 4) | ((d[2] & 0xFF) >> 4);
        int adcT = ((d[3] & 0xFF) << 12) | ((d[4] & 0xFF) << 4) | ((d[5] & 0xFF) >> 4);
        int adcH = ((d[6] & 0xFF) << 8) | (d[7] & 0xFF);
        if (adcT == SKIPPED_20BIT || adcP == SKIPPED_20BIT || adcH == SKIPPED_16BIT) {
            throw new SensorException("BME280: measurement skipped (device not configured or not yet measured)");
        }
        return calibration.compensate(adcT, adcP, adcH);
    }

    @Override
    public void close() {
        bus.write(REG_CTRL_MEAS, 0); // sleep mode
        bus.close();
    }

    /** The part's trimming parameters (datasheet table 16). */
    record Calibration(
            int t1,
            int t2,
            int t3,
            int p1,
            int p2,
            int p3,
            int p4,
            int p5,
            int p6,
            int p7,
            int p8,
            int p9,
            int h1,
            int h2,
            int h3,
            int h4,
            int h5,
            int h6) {

        static Calibration parse(byte[] c, byte[] h) {
            return new Calibration(
                    u16(c, 0),
                    s16(c, 2),
                    s16(c, 4),
                    u16(c, 6),
                    s16(c, 8),
                    s16(c, 10),
                    s16(c, 12),
                    s16(c, 14),
                    s16(c, 16),
                    s16(c, 18),
                    s16(c, 20),
                    s16(c, 22),
                    c[25] & 0xFF,
                    s16(h, 0),
                    h[2] & 0xFF,
                    (h[3] << 4) | (h[4] & 0x0F),
                    (h[5] << 4) | ((h[4] & 0xFF) >> 4),
                    h[6]);
        }

        private static int u16(byte[] b, int at) {
            return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
        }

        private static int s16(byte[] b, int at) {
            return (short) u16(b, at);
        }

        double[] compensate(int adcT, int adcP, int adcH) {
            int tFine = tFine(adcT);
            int centiCelsius = (tFine * 5 + 128) >> 8;
            long pressureQ24_8 = pressure(adcP, tFine);
            int humidityQ22_10 = humidity(adcH, tFine);
            return new double[] {centiCelsius / 100.0, humidityQ22_10 / 1024.0, pressureQ24_8 / 256.0 / 100.0};
        }

        int tFine(int adcT) {
            int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
            int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
            return var1 + var2;
        }

        long pressure(int adcP, int tFine) {
            long var1 = (long) tFine - 128000;
            long var2 = var1 * var1 * p6;
            var2 = var2 + ((var1 * p5) << 17);
            var2 = var2 + (((long) p4) << 35);
            var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12);
            var1 = ((1L << 47) + var1) * p1 >> 33;
            if (var1 == 0) {
                throw new SensorException("BME280: pressure compensation divides by zero (bad calibration)");
            }
            long p = 1048576 - adcP;
            p = (((p << 31) - var2) * 3125) / var1;
            var1 = (((long) p9) * (p >> 13) * (p >> 13)) >> 25;
            var2 = (((long) p8) * p) >> 19;
            return ((p + var1 + var2) >> 8) + (((long) p7) << 4);
        }

        int humidity(int adcH, int tFine) {
            int v = tFine - 76800;
            v = (((((adcH << 14) - (h4 << 20) - (h5 * v)) + 16384) >> 15)
                    * (((((((v * h6) >> 10) * (((v * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192) >> 14));
            v = v - (((((v >> 15) * (v >> 15)) >> 7) * h1) >> 4);
            v = Math.max(0, Math.min(v, 419430400));
            return v >> 12;
        }
    }
}
