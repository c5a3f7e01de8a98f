package org.fdcfabric.protocol.ucl;

/** What the label is: a class among {@link LabelSpec#classes()} or a real number. */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
