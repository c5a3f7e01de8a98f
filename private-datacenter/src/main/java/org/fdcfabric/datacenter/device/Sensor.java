package org.fdcfabric.datacenter.device;

/**
 * A device that yields one sample per call: one value per channel of its {@link #model()}, in the channel's
 * unit and order. Implementations talk to hardware, so calls may block for a bus transaction.
 */
public interface Sensor extends AutoCloseable {

    SensorModel model();

    /** Reads one sample; throws {@link SensorException} when the device answers wrongly or not at all. */
    double[] sample();

    @Override
    void close();
}
