/** {@code fdc center serve}: an institution's private data center as a long-running service, from its config file. */
package org.fdcfabric.cli.center;
