package org.fdcfabric.chaincode.registration;

import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;

/** Turns a submitted draft into a validated {@link UclDraft}, or refuses it with a precise code. */
final class Drafts {
    /** Comfortably above the largest draft {@link UclRules} accepts (4096 features of 64-character names). */
    static final int MAX_DRAFT_CHARS = 512 * 1024;

    private Drafts() {}

    static UclDraft parse(String json) {
        if (json != null && json.length() > MAX_DRAFT_CHARS) {
            throw Refusals.refuse(
                    ErrorCode.DRAFT_TOO_LARGE,
                    "the draft is " + json.length() + " characters; the limit is " + MAX_DRAFT_CHARS);
        }
        UclDraft draft = CanonicalJson.read(json, UclDraft.class);
        UclRules.validate(draft);
        return draft;
    }
}
