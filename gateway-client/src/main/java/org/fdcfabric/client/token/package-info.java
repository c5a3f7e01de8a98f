/** Typed client of the {@code token} contract (collaboration channel): wallets, minting and transfers. */
package org.fdcfabric.client.token;
