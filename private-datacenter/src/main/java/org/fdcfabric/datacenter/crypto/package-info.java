/**
 * End-to-end protection of model updates: the per-job key a center and the coordinator agree by ECDH (P-256)
 * and AES-GCM sealing through Apache Commons Crypto.
 */
package org.fdcfabric.datacenter.crypto;
