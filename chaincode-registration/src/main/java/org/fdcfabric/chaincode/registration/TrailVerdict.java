package org.fdcfabric.chaincode.registration;

import org.fdcfabric.protocol.audit.TrailBreak;

/** The result of verifying one subject's audit trail; {@code firstBreak} is absent when the trail holds. */
record TrailVerdict(String subject, long entries, boolean intact, TrailBreak firstBreak, String headHash) {}
