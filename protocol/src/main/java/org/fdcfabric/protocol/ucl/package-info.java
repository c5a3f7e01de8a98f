/**
 * The unified content label (UCL): what a private data center publishes about a dataset on the registration
 * channel (name, profile, schema, Merkle root, address, terms), and the rules every UCL must satisfy.
 */
package org.fdcfabric.protocol.ucl;
