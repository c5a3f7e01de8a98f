/**
 * Data governance of a private data center: cleaning against datasheet ranges, duplicates and missing values,
 * desensitization (keyed pseudonyms), windowing and labelling ({@link
 * org.fdcfabric.datacenter.governance.Windower}: 60 s x 3 axes = 180 features) and z-score standardization,
 * each step counted in the dataset's {@link org.fdcfabric.datacenter.governance.GovernanceReport}.
 */
package org.fdcfabric.datacenter.governance;
