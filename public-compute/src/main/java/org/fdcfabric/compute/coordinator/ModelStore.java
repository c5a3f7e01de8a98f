package org.fdcfabric.compute.coordinator;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.fdcfabric.compute.aggregation.ServerOptimizer;
import org.fdcfabric.learning.training.ModelCodec;
import org.fdcfabric.learning.training.ModelWeights;
import org.fdcfabric.protocol.federation.Model;
import org.fdcfabric.protocol.job.ModelProvenance;

/**
 * The coordinator's models on disk, one directory per job: {@code round-N.model} (wire bytes of each round's
 * aggregate, written before the round is recorded on chain, so a restarted coordinator can resume from the last
 * recorded round), {@code round-N.optimizer} (the server optimizer's m and v after round N, written with it, when the
 * job has one), {@code final.model} and {@code final.provenance.json}. Writes are fsynced files moved into
 * place by atomic renames.
 */
public final class ModelStore {
    private final Path root;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public ModelStore(Path root) {
        this.root = root;
    }

    /** Durably: when this returns, the model survives a crash, so the round may be recorded on chain. */
    void saveRound(String jobId, int round, EncodedModel model) {
        write(jobDir(jobId).resolve("round-" + round + ".model"), model.proto().toByteArray());
    }

    /** Loads a round's model, checking it is the one whose hash the chain recorded. */
    public ModelWeights loadRound(String jobId, int round, String schemaHash, String expectedHash) {
        Path file = jobDir(jobId).resolve("round-" + round + ".model");
        if (!Files.exists(file)) {
            throw new IllegalStateException("cannot resume job " + jobId + ": the model of recorded round " + round
                    + " is not in " + file.getParent());
        }
        try {
            ModelWeights model = ModelCodec.fromProto(Model.parseFrom(Files.readAllBytes(file)), schemaHash);
            String hash = ModelCodec.hash(model);
            if (!hash.equals(expectedHash)) {
                throw new IllegalStateException("cannot resume job " + jobId + ": stored model of round " + round
                        + " hashes to " + hash + " but the chain recorded " + expectedHash);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Durably, like {@link #saveRound}: the server optimizer's state after {@code round} ({@code round-N.optimizer}). */
    void saveOptimizerState(String jobId, int round, ServerOptimizer.State state) {
        write(jobDir(jobId).resolve("round-" + round + ".optimizer"), state.encode());
    }

    /** The server optimizer's state stored with a recorded round; a job with a server optimizer cannot resume without it. */
    ServerOptimizer.State loadOptimizerState(String jobId, int round) {
        Path file = jobDir(jobId).resolve("round-" + round + ".optimizer");
        byte[] bytes = read(file)
                .orElseThrow(() -> new IllegalStateException("cannot resume job " + jobId
                        + ": the server optimizer's state of recorded round " + round + " is not in "
                        + file.getParent()));
        try {
            return ServerOptimizer.State.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot resume job " + jobId + ": " + file + ": " + e.getMessage(), e);
        }
    }

    public Path saveFinal(String jobId, ModelWeights model, ModelProvenance provenance) {
        Path dir = jobDir(jobId);
        write(dir.resolve("final.model"), ModelCodec.toProto(model).toByteArray());
        try {
            write(dir.resolve("final.provenance.json"), json.writeValueAsBytes(provenance));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize provenance", e);
        }
        return dir.resolve("final.model");
    }

    /** The saved final model's wire bytes ({@code final.model}), if this store has them. */
    public Optional<byte[]> finalModel(String jobId) {
        return read(jobDir(jobId).resolve("final.model"));
    }

    /** The saved final model's lineage ({@code final.provenance.json}), if this store has it. */
    public Optional<byte[]> finalProvenance(String jobId) {
        return read(jobDir(jobId).resolve("final.provenance.json"));
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Path jobDir(String jobId) {
        if (!jobId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new IllegalArgumentException("job id is not a safe directory name: " + jobId);
        }
        return root.resolve(jobId.replace(':', '_'));
    }

    /**
     * Makes the rename itself durable. Linux can fsync a directory opened for reading; where the platform
     * cannot (Windows), the rename is as durable as that file system makes it.
     */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported for directories on this platform
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
