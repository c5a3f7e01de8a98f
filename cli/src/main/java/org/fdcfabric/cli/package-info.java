/**
 * The {@code fdc} command line: the root command, the options every network command shares, output in text or
 * JSON, and error rendering with documented exit codes. Command groups live in the sub-packages.
 */
package org.fdcfabric.cli;
