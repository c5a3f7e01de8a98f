package org.fdcfabric.explorer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The static files: the explorer's own stylesheet and script from {@code explorer/static/}, and Chart.js from its
 * webjar. Only these two places are served, so no other classpath resource can be asked for.
 */
final class Assets {
    private static final String CHART_JS_WEBJAR = "META-INF/resources/webjars/chart.js/";
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    /** A served file. */
    record Asset(String contentType, byte[] bytes) {}

    private final String chartJsVersion = chartJsVersion();
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** The URL the pages load Chart.js from. */
    String chartJsPath() {
        return "/webjars/chart.js/" + chartJsVersion + "/dist/chart.umd.js";
    }

    Optional<Asset> find(String path) {
        return cache.computeIfAbsent(path, this::load);
    }

    private Optional<Asset> load(String path) {
        String resource;
        if (path.equals(chartJsPath())) {
            resource = CHART_JS_WEBJAR + chartJsVersion + "/dist/chart.umd.js";
        } else if (path.matches("/static/[a-z0-9-]+\\.(css|js|svg)")) {
            resource = "explorer" + path;
        } else {
            return Optional.empty();
        }
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            return Optional.of(new Asset(TYPES.get(extension), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String chartJsVersion() {
        Properties properties = new Properties();
        try (InputStream in = Assets.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js webjar is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
