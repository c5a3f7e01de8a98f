/**
 * Value types of the {@code audit} contract as clients read them: pages of a subject's trail, the verdict of
 * verifying a trail, and providers' reports of local data use (including refused, unauthorized attempts).
 */
package org.fdcfabric.protocol.trail;
