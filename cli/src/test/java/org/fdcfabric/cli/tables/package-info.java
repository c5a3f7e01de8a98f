/** The tabular path end to end: import, publish, serve, federated training, download and evaluation. */
package org.fdcfabric.cli.tables;
