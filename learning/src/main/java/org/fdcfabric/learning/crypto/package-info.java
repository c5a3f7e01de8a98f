/**
 * End-to-end protection of model updates: the per-job key a center and the coordinator agree by ECDH (P-256),
 * AES-GCM sealing through Apache Commons Crypto, and the JSSE key material of the federation's mutual TLS.
 */
package org.fdcfabric.learning.crypto;
