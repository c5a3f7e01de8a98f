package org.fdcfabric.auditor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * Everything one audit looked at, read once so that every check judges the same state. Maps are keyed by id in
 * sorted order; a referenced record that could not be found is simply absent.
 */
record ChainView(
        List<TrainingJob> jobs,
        Map<String, List<RoundRecord>> rounds,
        Map<String, AccessPass> passes,
        Map<String, RequestRecord> requests,
        Map<String, Ucl> datasets,
        Map<String, List<Ucl>> versions,
        Map<String, List<UsageRecord>> usage,
        TokenInfo token,
        List<Balance> accounts,
        List<TrailView> trails) {

    List<RoundRecord> roundsOf(String jobId) {
        return rounds.getOrDefault(jobId, List.of());
    }

    Optional<TrailView> trail(Channel channel, String subject) {
        return trails.stream()
                .filter(t -> t.channel() == channel && t.subject().equals(subject))
                .findFirst();
    }

    Optional<Balance> account(String account) {
        return accounts.stream().filter(b -> b.account().equals(account)).findFirst();
    }
}
