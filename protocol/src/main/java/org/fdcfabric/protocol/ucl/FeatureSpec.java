package org.fdcfabric.protocol.ucl;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One feature column of a dataset, in the order models index it.
 *
 * <p>A categorical column fixes its vocabulary here ({@code categories}, in index order) so that every center
 * encodes a category to the same model input. {@code missing} is absent for {@link MissingPolicy#REFUSE}, and
 * {@code categories} for numeric columns, so schemas published before these fields existed keep their hash.
 */
public record FeatureSpec(
        String name,
        FeatureType type,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> categories,
        @JsonInclude(JsonInclude.Include.NON_NULL) MissingPolicy missing) {

    public FeatureSpec {
        categories = categories == null ? List.of() : List.copyOf(categories);
        missing = missing == MissingPolicy.REFUSE ? null : missing;
    }

    /** A numeric column whose rows must all carry a value. */
    public FeatureSpec(String name, FeatureType type) {
        this(name, type, List.of(), null);
    }

    public static FeatureSpec numeric(String name, MissingPolicy missing) {
        return new FeatureSpec(name, FeatureType.NUMERIC, List.of(), missing);
    }

    public static FeatureSpec categorical(String name, List<String> categories, MissingPolicy missing) {
        return new FeatureSpec(name, FeatureType.CATEGORICAL, categories, missing);
    }

    /** The policy for a missing value; {@link MissingPolicy#REFUSE} when none is declared. */
    public MissingPolicy missingPolicy() {
        return missing == null ? MissingPolicy.REFUSE : missing;
    }
}
