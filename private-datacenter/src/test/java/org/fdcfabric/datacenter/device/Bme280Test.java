package org.fdcfabric.datacenter.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.io.i2c.I2C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Bme280Test {
    // Trimming values of the worked example in the Bosch BMP280 datasheet (section 3.12); the BME280 uses the
    // same temperature and pressure compensation. Humidity trimming values are those of a production part.
    private static final int T1 = 27504, T2 = 26435, T3 = -1000;
    private static final int[] P = {36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
    private static final int H1 = 75, H2 = 362, H3 = 0, H4 = 313, H5 = 50, H6 = 30;
    private static final int ADC_T = 519888, ADC_P = 415148;

    private final MockBus bus = new MockBus();
    private final I2C i2c = bus.device(Bme280.ADDRESS_PRIMARY);

    @AfterEach
    void close() {
        bus.close();
    }

    private Bme280 openDevice() {
        MockBus.queue(i2c, Bme280.REG_CHIP_ID, 0x60);
        int[] calib = new int[26];
        put16(calib, 0, T1);
        put16(calib, 2, T2);
        put16(calib, 4, T3);
        for (int i = 0; i < P.length; i++) {
            put16(calib, 6 + 2 * i, P[i]);
        }
        calib[25] = H1;
        MockBus.queue(i2c, Bme280.REG_CALIB_00, calib);
        int[] hum = new int[7];
        put16(hum, 0, H2);
        hum[2] = H3;
        hum[3] = H4 >> 4;
        hum[4] = (H4 & 0x0F) | ((H5 & 0x0F) << 4);
        hum[5] = H5 >> 4;
        hum[6] = H6;
        MockBus.queue(i2c, Bme280.REG_CALIB_26, hum);
        return Bme280.open(i2c);
    }

    private static void put16(int[] into, int at, int value) {
        into[at] = value & 0xFF;
        into[at + 1] = (value >> 8) & 0xFF;
    }

    private void queueMeasurement(int adcP, int adcT, int adcH) {
        MockBus.queue(
                i2c,
                Bme280.REG_PRESS_MSB,
                adcP >> 12,
                (adcP >> 4) & 0xFF,
                (adcP & 0x0F) << 4,
                adcT >> 12,
                (adcT >> 4) & 0xFF,
                (adcT & 0x0F) << 4,
                adcH >> 8,
                adcH & 0xFF);
    }

    @Nested
    class Open {
        @Test
        void writesHumidityBeforeMeasurementControl() {
            openDevice();

            assertThat(i2c.readRegister(Bme280.REG_CTRL_HUM) & 0xFF).isEqualTo(0b001);
            assertThat(i2c.readRegister(Bme280.REG_CTRL_MEAS) & 0xFF).isEqualTo(0b001_001_11);
        }

        @Test
        void rejectsAnotherChip() {
            MockBus.queue(i2c, Bme280.REG_CHIP_ID, 0x58);

            assertThatThrownBy(() -> Bme280.open(i2c))
                    .isInstanceOf(SensorException.class)
                    .hasMessageContaining("chip id is 0x58, expected 0x60");
        }
    }

    @Nested
    class Sample {
        @Test
        void matchesTheDatasheetWorkedExample() {
            Bme280 sensor = openDevice();
            int adcH = 30000;
            queueMeasurement(ADC_P, ADC_T, adcH);

            double[] sample = sensor.sample();

            assertThat(sample[0]).isEqualTo(25.08); // datasheet: T = 25.08 degC
            assertThat(sample[2]).isCloseTo(1006.53, within(0.01)); // datasheet: p = 100653.27 Pa
            assertThat(sample[1]).isCloseTo(doubleHumidity(adcH, 128422), within(0.01));
            assertThat(sample[1]).isBetween(0.0, 100.0);
        }

        @Test
        void skippedMeasurementIsAnError() {
            Bme280 sensor = openDevice();
            queueMeasurement(0x80000, 0x80000, 0x8000);

            assertThatThrownBy(sensor::sample)
                    .isInstanceOf(SensorException.class)
                    .hasMessageContaining("skipped");
        }

        /** The datasheet's floating-point humidity formula (section 8.1), as an independent reference. */
        private double doubleHumidity(int adcH, int tFine) {
            double v = tFine - 76800.0;
            v = (adcH - (H4 * 64.0 + H5 / 16384.0 * v))
                    * (H2 / 65536.0 * (1.0 + H6 / 67108864.0 * v * (1.0 + H3 / 67108864.0 * v)));
            v = v * (1.0 - H1 * v / 524288.0);
            return Math.max(0, Math.min(100, v));
        }
    }
}
