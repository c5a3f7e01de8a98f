package org.fdcfabric.datacenter.device;

import com.pi4j.io.i2c.I2C;

/** Register access on one I2C device with the checks every driver needs: full reads, unsigned bytes. */
final class RegisterBus {
    private final I2C i2c;
    private final String part;

    RegisterBus(I2C i2c, String part) {
        this.i2c = i2c;
        this.part = part;
    }

    int readUnsigned(int register) {
        try {
            // Pi4J returns the byte sign-extended; registers are unsigned.
            return i2c.readRegister(register) & 0xFF;
        } catch (RuntimeException e) {
            throw new SensorException(part + ": reading register 0x" + Integer.toHexString(register) + " failed", e);
        }
    }

    byte[] burst(int firstRegister, int length) {
        byte[] buffer = new byte[length];
        int read;
        try {
            read = i2c.readRegister(firstRegister, buffer, 0, length);
        } catch (RuntimeException e) {
            throw new SensorException(part + ": burst read at 0x" + Integer.toHexString(firstRegister) + " failed", e);
        }
        if (read != length) {
            throw new SensorException(part + ": burst read at 0x" + Integer.toHexString(firstRegister) + " returned "
                    + Math.max(read, 0) + " of " + length + " bytes");
        }
        return buffer;
    }

    void write(int register, int value) {
        try {
            i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw new SensorException(part + ": writing register 0x" + Integer.toHexString(register) + " failed", e);
        }
    }

    void close() {
        i2c.close();
    }
}
