/** Fabric block facts shared by the devnet that writes blocks and the auditor that checks them. */
package org.fdcfabric.protocol.block;
