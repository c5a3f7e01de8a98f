/**
 * Opening a connection: one TLS gRPC channel to the gateway, a Fabric Gateway for one identity with the standard
 * call deadlines, and the typed contract clients and event listeners it hands out.
 */
package org.fdcfabric.client.connection;
