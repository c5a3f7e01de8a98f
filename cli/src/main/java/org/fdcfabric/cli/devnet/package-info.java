/** {@code fdc devnet}: starting, checking and resetting the embedded single-machine network. */
package org.fdcfabric.cli.devnet;
