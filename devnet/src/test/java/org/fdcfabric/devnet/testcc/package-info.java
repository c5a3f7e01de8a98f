/** A small key-value contract, packaged into a jar by the tests and run as chaincode-as-a-service. */
package org.fdcfabric.devnet.testcc;
