/** Endorsement and channel policies: signature policies, implicit-meta MAJORITY, and their evaluation. */
package org.fdcfabric.devnet.policy;
