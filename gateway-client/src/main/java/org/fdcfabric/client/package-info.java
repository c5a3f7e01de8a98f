/**
 * The FDC-Fabric client library's public surface: the checked exception hierarchy every client call ends in.
 * Connections, typed contract clients and event listeners live in the sub-packages.
 */
package org.fdcfabric.client;
