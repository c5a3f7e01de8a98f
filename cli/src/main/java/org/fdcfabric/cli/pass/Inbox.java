package org.fdcfabric.cli.pass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fdcfabric.cli.Pages;
import org.fdcfabric.client.FdcClientException;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.request.CollaborationRequest;
import org.fdcfabric.protocol.ucl.Ucl;

/** A dataset owner's inbox: the requests naming one of its datasets that still wait for its decision. */
final class Inbox {
    private Inbox() {}

    /** One request waiting for the owner's decision on one dataset. */
    record Pending(
            String requestId,
            String datasetId,
            String dataUserMsp,
            String purpose,
            String computation,
            int maxRounds,
            Instant expiresAt,
            Instant submittedAt) {}

    /** The datasets {@code msp} registered (retired ones included: a retired dataset can still be asked for). */
    static Set<String> datasetsOf(FdcConnection connection, String msp) throws FdcClientException {
        Set<String> ids = new TreeSet<>();
        for (Ucl ucl : Pages.all((size, mark) -> {
            var page = connection.registration().list(msp, size, mark);
            return new Pages.Page<>(page.datasets(), page.bookmark());
        })) {
            ids.add(ucl.id());
        }
        return ids;
    }

    static List<RequestRecord> requests(FdcConnection connection) throws FdcClientException {
        return Pages.all((size, mark) -> {
            var page = connection.passes().requests(size, mark);
            return new Pages.Page<>(page.requests(), page.bookmark());
        });
    }

    /**
     * The (request, dataset) pairs among {@code requests} naming one of {@code owned} without a decision for it,
     * and not expired at {@code now}, in request then dataset order.
     */
    static List<Pending> pending(List<RequestRecord> requests, Set<String> owned, Instant now) {
        List<Pending> pending = new ArrayList<>();
        for (RequestRecord record : requests) {
            CollaborationRequest r = record.request();
            if (!r.expiresAt().isAfter(now)) {
                continue;
            }
            for (String datasetId : new TreeSet<>(r.datasetIds())) {
                if (owned.contains(datasetId) && record.decisionFor(datasetId).isEmpty()) {
                    pending.add(new Pending(
                            r.requestId(),
                            datasetId,
                            r.dataUserMsp(),
                            r.purpose(),
                            r.computation(),
                            r.maxRounds(),
                            r.expiresAt(),
                            record.submittedAt()));
                }
            }
        }
        return pending;
    }
}
