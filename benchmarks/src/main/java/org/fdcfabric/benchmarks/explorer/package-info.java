/** How fast the explorer's pages load with many transactions on chain. */
package org.fdcfabric.benchmarks.explorer;
