/**
 * What the explorer reads from the chain, behind one port ({@link org.fdcfabric.explorer.chain.ChainSource}) with
 * its gateway implementation, and the decoding of Fabric blocks into the rows the pages show.
 */
package org.fdcfabric.explorer.chain;
