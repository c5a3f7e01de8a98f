package org.fdcfabric.explorer.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fdcfabric.explorer.chain.ChainSource;

/**
 * Search by any id: a transaction id, a dataset, job, pass or request id, an audit trail subject, or a block number
 * ({@code channel:number} or a plain number on the collaboration channel). The answer is the stable URL of the page
 * that shows it.
 */
final class Search {
    /** Longer queries cannot be an id of ours and are refused unread. */
    static final int MAX_QUERY_CHARS = 256;

    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    private final ChainSource chain;
    private final DatasetPages datasets;
    private final JobPages jobs;
    private final NetworkPages network;

    Search(ChainSource chain, DatasetPages datasets, JobPages jobs, NetworkPages network) {
        this.chain = chain;
        this.datasets = datasets;
        this.jobs = jobs;
        this.network = network;
    }

    Optional<String> resolve(String query) {
        String q = query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY_CHARS) {
            return Optional.empty();
        }
        if (TX_ID.matcher(q).matches() && network.findTransaction(q).isPresent()) {
            return Optional.of("/tx/" + q);
        }
        if (NUMBER.matcher(q).matches()) {
            String channel = chain.channels().get(chain.channels().size() - 1);
            return block(channel, Long.parseLong(q));
        }
        int colon = q.indexOf(':');
        if (colon > 0 && chain.channels().contains(q.substring(0, colon))) {
            String number = q.substring(colon + 1);
            if (NUMBER.matcher(number).matches()) {
                return block(q.substring(0, colon), Long.parseLong(number));
            }
        }
        if (datasets.find(q).isPresent()) {
            return Optional.of("/datasets/" + path(q));
        }
        if (jobs.find(q).isPresent()) {
            return Optional.of("/jobs/" + path(q));
        }
        if (chain.records().pass(q).isPresent()) {
            return Optional.of("/passes/" + path(q));
        }
        if (chain.records().request(q).isPresent()) {
            return Optional.of("/requests/" + path(q));
        }
        if (chain.records().trailHeads().stream()
                .anyMatch(head -> head.subject().equals(q))) {
            return Optional.of("/audit/trail?subject=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    private Optional<String> block(String channel, long number) {
        return number < chain.chainInfo(channel).getHeight()
                ? Optional.of("/blocks/" + channel + "/" + number)
                : Optional.empty();
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
