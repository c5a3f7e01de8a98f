/** {@code fdc compute serve}: the public compute node as a long-running service, from its config file. */
package org.fdcfabric.cli.compute;
