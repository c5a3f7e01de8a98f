/** The channel members' MSPs as a peer sees them: deserializing identities, validating them, verifying signatures. */
package org.fdcfabric.devnet.msp;
