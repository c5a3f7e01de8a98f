/** Typed client of the {@code pass} contract (collaboration channel): signed requests, grants, denials, revocations. */
package org.fdcfabric.client.pass;
