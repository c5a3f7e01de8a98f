/**
 * The federated training coordinator of the public compute node: rounds with sampling, deadlines and quorum,
 * sealed update checking, FedAvg or a robust rule, secure-aggregation rounds ({@code SecureRound}) and a secure job's statistics round ({@code
 * SecureStatisticsRound}) over the same calls ({@code SecAggExchange}), on-chain round
 * records, crash-resume from the model store, metrics and console progress.
 */
package org.fdcfabric.compute.coordinator;
