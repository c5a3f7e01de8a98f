/** {@code fdc model}: scoring and predicting with a downloaded federated model on a CSV file. */
package org.fdcfabric.cli.model;
