/**
 * The data center's ports to the chain (pass checks, usage reports, UCL registration) implemented over the gateway
 * client's typed {@code pass}, {@code job}, {@code audit} and {@code registration} clients.
 */
package org.fdcfabric.datacenter.chain;
