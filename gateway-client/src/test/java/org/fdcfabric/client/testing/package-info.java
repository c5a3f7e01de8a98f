/** Test support: real keys and certificates, and a scripted in-process Fabric Gateway service. */
package org.fdcfabric.client.testing;
