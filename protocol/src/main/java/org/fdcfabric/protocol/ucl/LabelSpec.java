package org.fdcfabric.protocol.ucl;

import java.util.List;

/** The label column; {@code classes} lists the class names in index order (empty for regression). */
public record LabelSpec(String name, List<String> classes) {
    public LabelSpec {
        classes = classes == null ? List.of() : List.copyOf(classes);
    }
}
