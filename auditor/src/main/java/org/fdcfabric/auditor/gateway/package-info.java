/** The audit checker's {@link org.fdcfabric.auditor.ChainReader} over the typed Fabric Gateway clients. */
package org.fdcfabric.auditor.gateway;
