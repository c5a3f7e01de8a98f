package org.fdcfabric.explorer.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Thymeleaf over the templates in {@code explorer/templates/}, cached once parsed. */
final class Templates {
    private final TemplateEngine engine = new TemplateEngine();
    private final Map<String, Object> common;

    Templates(Map<String, Object> common) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
        resolver.setPrefix("explorer/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        this.common = Map.copyOf(common);
    }

    String render(View view) {
        Map<String, Object> variables = new HashMap<>(common);
        variables.putAll(view.model());
        return engine.process(view.template(), new Context(Locale.ROOT, variables));
    }
}
