/**
 * Data governance of a private data center. {@link org.fdcfabric.datacenter.governance.Windower} turns
 * per-second wearable readings and the teachers' activity log into labelled 180-feature windows.
 */
package org.fdcfabric.datacenter.governance;
