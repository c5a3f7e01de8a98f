package org.fdcfabric.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code docs/metrics.md}, found from the working directory up, so each module's metrics test can check that
 * every metric family it scraped is documented there (as {@code `name`}).
 */
public final class MetricsDoc {
    private MetricsDoc() {}

    public static String text() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path doc = dir.resolve("docs").resolve("metrics.md");
            if (Files.isRegularFile(doc)) {
                return Files.readString(doc);
            }
            dir = dir.getParent();
        }
        throw new IOException("docs/metrics.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The scraped metric families that docs/metrics.md does not name. */
    public static List<String> undocumented(Scrape scrape) throws IOException {
        String doc = text();
        return scrape.families().stream()
                .filter(family -> !doc.contains("`" + family + "`"))
                .toList();
    }
}
