/** Typed client of the {@code registration} contract (registration channel): UCL registration, versions, trails. */
package org.fdcfabric.client.registration;
