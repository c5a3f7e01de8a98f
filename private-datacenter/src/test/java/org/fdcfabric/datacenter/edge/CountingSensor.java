package org.fdcfabric.datacenter.edge;

import java.util.concurrent.atomic.AtomicInteger;
import org.fdcfabric.datacenter.device.Sensor;
import org.fdcfabric.datacenter.device.SensorModel;

/** Stands in for the accelerometer hardware: sample k reads (k, -k, k / 2), so any loss or repeat shows. */
final class CountingSensor implements Sensor {
    private final AtomicInteger taken = new AtomicInteger();

    static double[] expected(long k) {
        return new double[] {k, -k, k / 2.0};
    }

    int taken() {
        return taken.get();
    }

    @Override
    public SensorModel model() {
        return SensorModel.ADXL345;
    }

    @Override
    public double[] sample() {
        return expected(taken.incrementAndGet());
    }

    @Override
    public void close() {}
}
