/**
 * Value types of the {@code pass} contract: stored collaboration requests with their per-dataset decisions, access
 * passes (scope, expiry, round budget) and the verdict of checking a pass.
 */
package org.fdcfabric.protocol.pass;
