/** Typed client of the {@code audit} contract (collaboration channel): hash-chained trails and data-use reports. */
package org.fdcfabric.client.audit;
