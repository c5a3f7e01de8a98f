package org.fdcfabric.compute.aggregation.robust;

import org.fdcfabric.protocol.InputChecks;

/**
 * One center's contribution to a round: its model delta (local model minus the round's global model, flattened in
 * the model spec's tensor order) and the sample count it trained on. Values are not checked for finiteness here:
 * rejecting NaN and infinities is the aggregator's job, and it reports it.
 */
record CenterUpdate(String centerId, long sampleCount, float[] delta) {
    public CenterUpdate {
        InputChecks.matches(centerId, InputChecks.MSP_ID, RobustCodes.INVALID_UPDATE, "centerId");
        InputChecks.inRange(sampleCount, 1, Long.MAX_VALUE, RobustCodes.INVALID_UPDATE, "sampleCount");
        InputChecks.present(delta, RobustCodes.INVALID_UPDATE, "delta");
        InputChecks.require(delta.length > 0, RobustCodes.INVALID_UPDATE, "delta is empty");
        delta = delta.clone();
    }

    public int length() {
        return delta.length;
    }

    public float valueAt(int index) {
        return delta[index];
    }

    @Override
    public float[] delta() {
        return delta.clone();
    }
}
