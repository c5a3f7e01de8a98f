package org.fdcfabric.datacenter.ucl;

import org.fdcfabric.datacenter.governance.GovernanceReport;
import org.fdcfabric.datacenter.governance.Standardization;
import org.fdcfabric.protocol.ucl.UclSchema;

/** What the center keeps about a governed dataset besides its records (stored as canonical JSON). */
record DatasetManifest(
        String id,
        UclSchema schema,
        Standardization standardization,
        GovernanceReport report,
        long recordCount,
        String merkleRoot) {}
