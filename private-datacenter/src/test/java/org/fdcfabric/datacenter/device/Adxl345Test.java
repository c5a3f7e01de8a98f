package org.fdcfabric.datacenter.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.i2c.I2C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Adxl345Test {
    private final MockBus bus = new MockBus();
    private final I2C i2c = bus.device(Adxl345.ADDRESS);

    @AfterEach
    void close() {
        bus.close();
    }

    private Adxl345 openDevice(Adxl345.Range range) {
        MockBus.queue(i2c, Adxl345.REG_DEVID, 0xE5);
        return Adxl345.open(i2c, range, Adxl345.DataRate.HZ_100);
    }

    @Nested
    class Open {
        @Test
        void writesFullResolutionRangeRateAndMeasureMode() {
            openDevice(Adxl345.Range.G8);

            assertThat(i2c.readRegister(Adxl345.REG_DATA_FORMAT) & 0xFF).isEqualTo(0x08 | 0x02);
            assertThat(i2c.readRegister(Adxl345.REG_BW_RATE) & 0xFF).isEqualTo(0x0A);
            assertThat(i2c.readRegister(Adxl345.REG_POWER_CTL) & 0xFF).isEqualTo(0x08);
        }

        @Test
        void rejectsAnotherDevice() {
            MockBus.queue(i2c, Adxl345.REG_DEVID, 0x60);

            assertThatThrownBy(() -> Adxl345.open(i2c, Adxl345.Range.G2, Adxl345.DataRate.HZ_100))
                    .isInstanceOf(SensorException.class)
                    .hasMessageContaining("DEVID is 0x60, expected 0xE5");
        }
    }

    @Nested
    class Sample {
        // Datasheet: full resolution keeps 256 LSB/g; DATAx0 is the low byte; values are two's complement.
        @ParameterizedTest
        @CsvSource({
            "0x00, 0x01, 1.0",
            "0x00, 0xFF, -1.0",
            "0x80, 0x00, 0.5",
            "0x01, 0x00, 0.00390625",
            "0xFF, 0xFF, -0.00390625",
            "0xFF, 0x0F, 15.99609375",
            "0x00, 0xF0, -16.0"
        })
        void decodesTwosComplementLittleEndianToG(String low, String high, double g) {
            Adxl345 sensor = openDevice(Adxl345.Range.G16);
            int lo = Integer.decode(low);
            int hi = Integer.decode(high);
            MockBus.queue(i2c, Adxl345.REG_DATAX0, lo, hi, lo, hi, lo, hi);

            assertThat(sensor.sample()).containsExactly(g, g, g);
        }

        @Test
        void keepsAxesApart() {
            Adxl345 sensor = openDevice(Adxl345.Range.G2);
            MockBus.queue(i2c, Adxl345.REG_DATAX0, 0x00, 0x01, 0x00, 0xFF, 0x40, 0x00);

            assertThat(sensor.sample()).containsExactly(1.0, -1.0, 0.25);
            assertThat(sensor.model().channelNames()).containsExactly("x", "y", "z");
        }

        @Test
        void shortBurstIsAnError() {
            Adxl345 sensor = openDevice(Adxl345.Range.G2);
            MockBus.queue(i2c, Adxl345.REG_DATAX0, 0x00, 0x01, 0x00);

            assertThatThrownBy(sensor::sample)
                    .isInstanceOf(SensorException.class)
                    .hasMessageContaining("returned 3 of 6 bytes");
        }
    }
}
