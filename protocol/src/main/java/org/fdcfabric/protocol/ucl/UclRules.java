package org.fdcfabric.protocol.ucl;

import static org.fdcfabric.protocol.InputChecks.inRange;
import static org.fdcfabric.protocol.InputChecks.matches;
import static org.fdcfabric.protocol.InputChecks.present;
import static org.fdcfabric.protocol.InputChecks.require;
import static org.fdcfabric.protocol.InputChecks.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fdcfabric.protocol.InputChecks;
import org.fdcfabric.protocol.InvalidInputException;

/** The validation rules and limits of a UCL draft, each failure with its own stable error code. */
public final class UclRules {
    public static final Pattern DATASET_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    public static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final int MAX_NAME = 128;
    public static final int MAX_PROFILE = 4096;
    public static final int MAX_FEATURES = 4096;
    public static final int MAX_CLASSES = 256;
    /** Categories of one categorical column; each becomes one model input. */
    public static final int MAX_CATEGORIES = 1024;

    public static final int MAX_ADDRESS = 512;
    public static final long MAX_RECORDS = 1_000_000_000_000L;
    public static final long MAX_TOKENS_PER_SAMPLE = 1_000_000_000L;

    public static final String INVALID_DATASET_ID = "INVALID_DATASET_ID";
    public static final String INVALID_NAME = "INVALID_NAME";
    public static final String INVALID_PROFILE = "INVALID_PROFILE";
    public static final String INVALID_SCHEMA = "INVALID_SCHEMA";
    public static final String INVALID_RECORD_COUNT = "INVALID_RECORD_COUNT";
    public static final String INVALID_MERKLE_ROOT = "INVALID_MERKLE_ROOT";
    public static final String INVALID_LEAF_COUNT = "INVALID_LEAF_COUNT";
    public static final String INVALID_ADDRESS = "INVALID_ADDRESS";
    public static final String INVALID_TERMS = "INVALID_TERMS";

    private UclRules() {}

    public static void validate(UclDraft draft) {
        present(draft, "INVALID_UCL", "UCL");
        datasetId(draft.id());
        text(draft.name(), MAX_NAME, false, INVALID_NAME, "name");
        text(draft.profile(), MAX_PROFILE, true, INVALID_PROFILE, "profile");
        schema(draft.schema());
        inRange(draft.recordCount(), 1, MAX_RECORDS, INVALID_RECORD_COUNT, "recordCount");
        matches(draft.merkleRoot(), InputChecks.SHA256_HEX, INVALID_MERKLE_ROOT, "merkleRoot (lowercase hex SHA-256)");
        require(
                draft.leafCount() == draft.recordCount(),
                INVALID_LEAF_COUNT,
                "leafCount " + draft.leafCount() + " must equal recordCount " + draft.recordCount()
                        + " (one Merkle leaf per record)");
        address(draft.address());
        present(draft.terms(), INVALID_TERMS, "terms");
        inRange(draft.terms().tokensPerSample(), 0, MAX_TOKENS_PER_SAMPLE, INVALID_TERMS, "terms.tokensPerSample");
    }

    public static String datasetId(String id) {
        return matches(id, DATASET_ID, INVALID_DATASET_ID, "dataset id");
    }

    /** Checks a schema alone, as an owner's schema file is checked before an import reads any row against it. */
    public static void schema(UclSchema schema) {
        present(schema, INVALID_SCHEMA, "schema");
        List<FeatureSpec> features = present(schema.features(), INVALID_SCHEMA, "schema.features");
        require(
                !features.isEmpty() && features.size() <= MAX_FEATURES,
                INVALID_SCHEMA,
                "schema must have 1 to " + MAX_FEATURES + " features, has " + features.size());
        Set<String> names = new HashSet<>();
        for (FeatureSpec feature : features) {
            present(feature, INVALID_SCHEMA, "schema feature");
            matches(feature.name(), COLUMN_NAME, INVALID_SCHEMA, "feature name");
            present(feature.type(), INVALID_SCHEMA, "type of feature " + feature.name());
            require(names.add(feature.name()), INVALID_SCHEMA, "feature " + feature.name() + " appears twice");
            categories(feature);
        }
        LabelSpec label = present(schema.label(), INVALID_SCHEMA, "schema.label");
        matches(label.name(), COLUMN_NAME, INVALID_SCHEMA, "label name");
        require(!names.contains(label.name()), INVALID_SCHEMA, "label " + label.name() + " is also a feature");
        Task task = present(schema.task(), INVALID_SCHEMA, "schema.task");
        if (task == Task.CLASSIFICATION) {
            require(
                    label.classes().size() >= 2 && label.classes().size() <= MAX_CLASSES,
                    INVALID_SCHEMA,
                    "classification needs 2 to " + MAX_CLASSES + " classes, has "
                            + label.classes().size());
            Set<String> classes = new HashSet<>();
            for (String c : label.classes()) {
                matches(c, COLUMN_NAME, INVALID_SCHEMA, "class name");
                require(classes.add(c), INVALID_SCHEMA, "class " + c + " appears twice");
            }
        } else {
            require(label.classes().isEmpty(), INVALID_SCHEMA, "a regression label has no classes");
        }
    }

    private static void categories(FeatureSpec feature) {
        String name = feature.name();
        if (feature.type() == FeatureType.NUMERIC) {
            require(
                    feature.categories().isEmpty(),
                    INVALID_SCHEMA,
                    "numeric feature " + name + " has categories; declare it CATEGORICAL or drop them");
            require(
                    feature.missingPolicy() != MissingPolicy.MOST_FREQUENT,
                    INVALID_SCHEMA,
                    "numeric feature " + name + " cannot impute MOST_FREQUENT; use MEAN or REFUSE");
            return;
        }
        List<String> categories = feature.categories();
        require(
                !categories.isEmpty() && categories.size() <= MAX_CATEGORIES,
                INVALID_SCHEMA,
                "categorical feature " + name + " needs 1 to " + MAX_CATEGORIES + " categories, has "
                        + categories.size());
        Set<String> seen = new HashSet<>();
        for (String category : categories) {
            text(category, 128, false, INVALID_SCHEMA, "category of " + name);
            require(seen.add(category), INVALID_SCHEMA, "category " + category + " of " + name + " appears twice");
        }
        require(
                feature.missingPolicy() != MissingPolicy.MEAN,
                INVALID_SCHEMA,
                "categorical feature " + name + " cannot impute MEAN; use MOST_FREQUENT or REFUSE");
    }

    private static void address(String address) {
        text(address, MAX_ADDRESS, false, INVALID_ADDRESS, "address");
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(INVALID_ADDRESS, "address is not a URI: " + e.getReason());
        }
        require(
                "grpcs".equals(uri.getScheme()) || "https".equals(uri.getScheme()),
                INVALID_ADDRESS,
                "address must use grpcs:// or https://, was " + uri.getScheme());
        require(uri.getHost() != null, INVALID_ADDRESS, "address must name a host");
        require(uri.getUserInfo() == null, INVALID_ADDRESS, "address must not carry credentials");
        require(uri.getPort() == -1 || (uri.getPort() > 0 && uri.getPort() <= 65535), INVALID_ADDRESS, "bad port");
        require(
                uri.getQuery() == null && uri.getFragment() == null,
                INVALID_ADDRESS,
                "address has a query or fragment");
    }
}
