/**
 * The devnet's configuration file (organisations, users and their FDC roles, channels with their chaincodes and
 * endorsement policies, batching) and the crypto material created from it in Fabric's MSP layout.
 */
package org.fdcfabric.devnet.config;
