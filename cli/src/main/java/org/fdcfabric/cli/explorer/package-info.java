/** {@code fdc explorer}: serves the read-only web explorer as one identity until stopped. */
package org.fdcfabric.cli.explorer;
