/**
 * The connection profile: where the gateway is, which TLS root to trust, and which identities a user may act
 * as. The devnet writes one on start; real networks use the same format.
 */
package org.fdcfabric.protocol.profile;
