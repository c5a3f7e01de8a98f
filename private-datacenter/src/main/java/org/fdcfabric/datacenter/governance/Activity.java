package org.fdcfabric.datacenter.governance;

import java.util.Locale;

/** The four physical-activity classes of FDC's case study, in the order of the dataset's class list. */
public enum Activity {
    EATING,
    SLEEPING,
    INDOOR,
    OUTDOOR;

    /** The class name as it appears in a UCL schema: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
