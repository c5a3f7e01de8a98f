package org.fdcfabric.chaincode.registration;

/** The value of {@code uclowner~{ownerMsp}~{datasetId}}: which dataset the index entry points to. */
record OwnerIndexEntry(String datasetId) {}
