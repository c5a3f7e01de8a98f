package org.fdcfabric.compute.aggregation.robust;

import java.util.List;

/**
 * Aggregates one round's model deltas. Implementations never trust an update: non-finite values are rejected,
 * never propagated, and every update gets a verdict.
 *
 * @throws org.fdcfabric.protocol.InvalidInputException {@code INVALID_UPDATE} if the deltas differ in length or
 *     two come from one center; {@code NOT_ENOUGH_UPDATES} if too few are usable for the rule
 */
interface RobustAggregator {
    /** The rule as it is named in a job's model spec, with its parameters. */
    String rule();

    RobustAggregate aggregate(List<CenterUpdate> updates);
}
