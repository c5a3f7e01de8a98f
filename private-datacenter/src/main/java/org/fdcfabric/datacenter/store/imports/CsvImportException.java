package org.fdcfabric.datacenter.store.imports;

/** A CSV import cannot proceed at all (bad schema file, header not matching the schema); nothing was stored. */
final class CsvImportException extends RuntimeException {
    public CsvImportException(String message) {
        super(message);
    }

    public CsvImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
