package org.fdcfabric.compute.service;

import org.fdcfabric.protocol.job.JobRules;

/**
 * The one line a node puts on chain when it gives up on a job. The ledger is read by every member of the channel,
 * so it carries only the error's type and the first line of its message (never a cause chain or stack trace), with
 * control characters replaced, cut to {@link JobRules#MAX_REASON_CHARS}.
 */
final class FailureReason {
    private FailureReason() {}

    static String of(int attempts, Throwable last) {
        String message = last.getMessage() == null ? "" : last.getMessage();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        String text = attempts + " attempts failed, the last with "
                + last.getClass().getSimpleName() + (firstLine.isBlank() ? "" : ": " + firstLine.strip());
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        if (line.length() <= JobRules.MAX_REASON_CHARS) {
            return line.toString();
        }
        int end = JobRules.MAX_REASON_CHARS - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + "…";
    }
}
