package org.fdcfabric.datacenter.store.imports;

/**
 * A CSV import of readings cannot proceed at all (bad schema file, header not matching the schema); nothing was
 * stored. The caller's input is at fault, so the command line reports it as invalid input.
 */
public final class CsvImportException extends RuntimeException {
    public CsvImportException(String message) {
        super(message);
    }

    public CsvImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
