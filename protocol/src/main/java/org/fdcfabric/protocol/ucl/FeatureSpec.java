package org.fdcfabric.protocol.ucl;

/** One feature column of a dataset, in the order models index it. */
public record FeatureSpec(String name, FeatureType type) {}
