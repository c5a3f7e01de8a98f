package org.fdcfabric.protocol.job;

import java.util.List;

/**
 * What a secure-aggregation round records: its threshold t, the centers (dataset ids) at each step, who dropped
 * after sharing keys (their masks were removed with the others' shares), whose revealed shares were wrong, and
 * the failure if the round fell below t.
 *
 * @param advertised centers that advertised keys (the roster)
 * @param survivors centers whose masked input counted
 * @param dropped centers that shared keys but sent no masked input
 * @param responders survivors that revealed shares for unmasking
 * @param failure the failure's name (for example {@code TOO_FEW_MASKED_INPUTS}), absent when the round completed
 */
public record SecureRoundSummary(
        int threshold,
        List<String> advertised,
        List<String> survivors,
        List<String> dropped,
        List<String> responders,
        List<String> wrongShareHolders,
        String failure) {
    public SecureRoundSummary {
        advertised = advertised == null ? null : List.copyOf(advertised);
        survivors = survivors == null ? null : List.copyOf(survivors);
        dropped = dropped == null ? null : List.copyOf(dropped);
        responders = responders == null ? null : List.copyOf(responders);
        wrongShareHolders = wrongShareHolders == null ? null : List.copyOf(wrongShareHolders);
    }
}
