package org.fdcfabric.protocol.job;

import java.math.BigDecimal;

/**
 * An update a robust rule did not use as sent. Information for auditors, not a violation: the center still
 * contributed (and is paid for) its samples.
 *
 * @param verdict {@code CLIPPED}, {@code TRIMMED} or {@code REJECTED}
 * @param norm the update's L2 norm as sent (6 significant digits), absent if it had non-finite values
 */
public record FlaggedUpdate(String datasetId, String verdict, BigDecimal norm, String reason) {}
