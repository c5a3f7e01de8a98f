/**
 * The federated training coordinator of the public compute node: rounds with sampling, deadlines and quorum,
 * sealed update checking, FedAvg or a robust rule, secure-aggregation rounds ({@code SecureRound}), on-chain round
 * records, crash-resume from the model store, metrics and console progress.
 */
package org.fdcfabric.compute.coordinator;
