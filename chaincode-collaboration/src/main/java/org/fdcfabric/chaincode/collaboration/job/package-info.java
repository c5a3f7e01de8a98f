/**
 * The {@code job} contract: escrowed training offers, providers' acceptances, rounds recorded by the compute
 * organisation (each charging the participants' passes), and settlement by {@code PayoutRule}.
 */
package org.fdcfabric.chaincode.collaboration.job;
