package org.fdcfabric.datacenter.device;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/** Pi4J's mock platform: I2C registers are FIFO queues, so tests queue the bytes the device would answer. */
final class MockBus implements AutoCloseable {
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockI2CProvider.newInstance())
            .build();

    I2C device(int address) {
        return pi4j.i2c()
                .create(I2C.newConfigBuilder(pi4j)
                        .id("dev-" + address)
                        .bus(1)
                        .device(address)
                        .build());
    }

    static void queue(I2C i2c, int register, int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        i2c.writeRegister(register, data, 0, data.length);
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
