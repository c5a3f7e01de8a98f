/**
 * Byzantine-robust aggregation rules (norm clipping and bounds, coordinate-wise median, trimmed mean, Krum and
 * multi-Krum) over model deltas, each reporting which centers' updates it rejected, clipped or trimmed away.
 */
package org.fdcfabric.compute.aggregation.robust;
