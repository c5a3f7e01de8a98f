/** {@code fdc edge run}: the edge agent on a Raspberry Pi, sampling a sensor and streaming to its data center. */
package org.fdcfabric.cli.edge;
