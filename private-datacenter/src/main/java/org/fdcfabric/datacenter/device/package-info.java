/**
 * Sensor drivers for the data center's devices (Pi4J 2.x): an ADXL345 accelerometer and a BME280
 * temperature/humidity/pressure sensor on I2C, both behind {@link org.fdcfabric.datacenter.device.Sensor}.
 */
package org.fdcfabric.datacenter.device;
