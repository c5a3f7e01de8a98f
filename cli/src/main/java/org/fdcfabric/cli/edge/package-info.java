/**
 * {@code fdc edge}: {@code run}, the edge agent on a Raspberry Pi sampling a sensor and streaming to its data
 * center; {@code serve}, the data center's side that stores what devices send.
 */
package org.fdcfabric.cli.edge;
