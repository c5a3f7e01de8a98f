package org.fdcfabric.chaincode.support;

import java.util.regex.Pattern;
import org.fdcfabric.protocol.ErrorCode;

/**
 * A validated page size and bookmark. The one bookmark scheme of both channels: a bookmark is the last key part of
 * the next entry (a dataset id, a job id, a sequence number), never a raw ledger key, so a crafted bookmark cannot
 * move a query outside its prefix (Fabric starts a paged range at whatever key the bookmark names).
 */
public record PageRequest(int size, String bookmark) {
    public static final int MAX_PAGE_SIZE = 100;
    /** Any key part a subject or account may be: 1 to 200 characters, no control characters. */
    /** A fixed-width number as {@link Keys#sequence} writes it: versions, rounds and sequence numbers. */
    public static final Pattern SEQUENCE = Pattern.compile("[0-9]{19}");

    public static final Pattern ANY_KEY_PART = Pattern.compile("\\P{Cntrl}{1,200}");

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

    /**
     * Parses {@code pageSize} (1 to {@value #MAX_PAGE_SIZE}, ASCII digits) and checks {@code bookmark} (empty, or a
     * key part of the listed kind, else {@code INVALID_BOOKMARK}). {@code invalidSize} is the channel's code for a
     * bad size: registration says {@code INVALID_PAGE_SIZE}, collaboration {@code INVALID_PAGE}, and clients match
     * those values.
     */
    public static PageRequest parse(String pageSize, String bookmark, Pattern bookmarkFormat, ErrorCode invalidSize) {
        if (pageSize == null || !DIGITS.matcher(pageSize).matches()) {
            throw Refusals.refuse(invalidSize, "pageSize must be a whole number from 1 to " + MAX_PAGE_SIZE);
        }
        int size = Integer.parseInt(pageSize);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Refusals.refuse(invalidSize, "pageSize must be from 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        String mark = bookmark == null ? "" : bookmark;
        if (!mark.isEmpty() && !bookmarkFormat.matcher(mark).matches()) {
            throw Refusals.refuse(
                    ErrorCode.INVALID_BOOKMARK, "bookmark must be empty or one returned by the same query");
        }
        return new PageRequest(size, mark);
    }
}
