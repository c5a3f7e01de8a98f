/**
 * The wearable simulator of FDC's case study: seeded, per-school heterogeneous (non-IID) tri-axial readings of
 * children plus the teachers' activity log.
 */
package org.fdcfabric.datacenter.simulator;
