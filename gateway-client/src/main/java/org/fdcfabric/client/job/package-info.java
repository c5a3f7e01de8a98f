/** Typed client of the {@code job} contract (collaboration channel): offers, acceptances, rounds and settlement. */
package org.fdcfabric.client.job;
