/**
 * {@code fdc dataset}: import raw data into a private data center, govern and publish it as a UCL, prove a
 * record of it, and verify such a proof against the root on chain from any organisation.
 */
package org.fdcfabric.cli.dataset;
