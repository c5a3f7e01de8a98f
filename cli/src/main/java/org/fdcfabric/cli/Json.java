package org.fdcfabric.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;

/** Reads a JSON input file strictly into a protocol record, with errors that name the file. */
public final class Json {
    static final long MAX_INPUT_BYTES = CanonicalJson.MAX_DOCUMENT_CHARS;

    private Json() {}

    public static <T> T readFile(Path file, Class<T> type, String code) {
        try {
            if (Files.size(file) > MAX_INPUT_BYTES) {
                throw new InvalidInputException(code, file + " is larger than " + MAX_INPUT_BYTES + " bytes");
            }
            return CanonicalJson.read(Files.readString(file), type);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(code, file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException(code, file + " cannot be read: " + e.getMessage());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    e.code(), file + ": " + e.getMessage().substring(e.code().length() + 2));
        }
    }
}
