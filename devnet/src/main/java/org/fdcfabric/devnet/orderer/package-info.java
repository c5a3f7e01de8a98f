/**
 * A solo ordering service as the gateway's Submit sees Fabric's: admission checks of broadcast envelopes (size,
 * creator signature, channel Writers), block cutting by count, size and timeout, and one ordering thread per
 * channel that signs each block and hands it to the channel's committer.
 */
package org.fdcfabric.devnet.orderer;
