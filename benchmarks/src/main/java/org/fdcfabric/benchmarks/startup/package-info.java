/** Start-up of the {@code fdc} command: its distribution with and without the class-data archive, and the old way. */
package org.fdcfabric.benchmarks.startup;
