package org.fdcfabric.protocol.ucl;

/** How a feature's values are to be read. */
public enum FeatureType {
    NUMERIC,
    CATEGORICAL
}
