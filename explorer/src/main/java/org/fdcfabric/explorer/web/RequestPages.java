package org.fdcfabric.explorer.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.explorer.chain.ChainSource;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.ucl.Ucl;

/** Requests and passes: every pass granted on every dataset, one signed request with its decisions, one pass. */
final class RequestPages {
    private final ChainSource chain;

    RequestPages(ChainSource chain) {
        this.chain = chain;
    }

    View passes() {
        List<AccessPass> passes = new ArrayList<>();
        for (Ucl ucl : chain.records().datasets()) {
            passes.addAll(chain.passesOf(ucl.id()));
        }
        return View.ok("passes", Map.of("section", "requests", "passes", passes));
    }

    View request(String requestId) {
        return chain.records()
                .request(requestId)
                .map(request -> View.ok("request", Map.of("section", "requests", "record", request)))
                .orElseGet(() -> View.notFound("request " + requestId));
    }

    View pass(String passId) {
        return chain.records()
                .pass(passId)
                .map(pass -> {
                    Map<String, Object> model = new LinkedHashMap<>();
                    model.put("section", "requests");
                    model.put("pass", pass);
                    return View.ok("pass", model);
                })
                .orElseGet(() -> View.notFound("pass " + passId));
    }
}
