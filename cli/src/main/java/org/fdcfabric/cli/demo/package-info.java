/**
 * {@code fdc demo}: one full FDC collaboration on an embedded devnet (institutions' data centers, request, passes,
 * escrowed job, federated training over mTLS, settlement, audit), its phases timed and reported.
 */
package org.fdcfabric.cli.demo;
