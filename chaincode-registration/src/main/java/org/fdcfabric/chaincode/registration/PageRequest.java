package org.fdcfabric.chaincode.registration;

import java.util.regex.Pattern;

/** A validated page size and bookmark. */
record PageRequest(int size, String bookmark) {
    static final int MAX_PAGE_SIZE = 100;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

    /**
     * Parses {@code pageSize} (1 to {@value #MAX_PAGE_SIZE}) and checks {@code bookmark} (empty, or a key part of
     * the listed kind). Bookmarks are key parts rather than raw ledger keys so a crafted one cannot move a query
     * outside its prefix: Fabric starts a paged range at whatever key the bookmark names.
     */
    static PageRequest parse(String pageSize, String bookmark, Pattern bookmarkFormat) {
        if (pageSize == null || !DIGITS.matcher(pageSize).matches()) {
            throw RegistrationError.INVALID_PAGE_SIZE.error(
                    "pageSize must be a whole number from 1 to " + MAX_PAGE_SIZE);
        }
        int size = Integer.parseInt(pageSize);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw RegistrationError.INVALID_PAGE_SIZE.error(
                    "pageSize must be from 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        String mark = bookmark == null ? "" : bookmark;
        if (!mark.isEmpty() && !bookmarkFormat.matcher(mark).matches()) {
            throw RegistrationError.INVALID_BOOKMARK.error("bookmark must be empty or one returned by the same query");
        }
        return new PageRequest(size, mark);
    }
}
