/**
 * Experiments: federated vs centralized vs local-only training on one split, the wearable case-study data and
 * CSV import with partitioning, and the in-JVM centers and ledger they run on.
 */
package org.fdcfabric.experiment;
