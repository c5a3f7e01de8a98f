package org.fdcfabric.explorer.web;

import java.util.Map;

/** A page to render: its template, its model, and the HTTP status to send it with. */
record View(String template, Map<String, Object> model, int status) {
    View {
        model = Map.copyOf(model);
    }

    static View ok(String template, Map<String, Object> model) {
        return new View(template, model, 200);
    }

    static View notFound(String what) {
        return new View("not-found", Map.of("what", what), 404);
    }
}
