package org.fdcfabric.datacenter.edge;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.datacenter.device.SensorModel;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.datacenter.store.ReadingStore;
import org.fdcfabric.datacenter.store.StoreException;
import org.fdcfabric.datacenter.store.StreamDescriptor;
import org.fdcfabric.datacenter.store.StreamSource;
import org.fdcfabric.protocol.edge.EdgeIngestGrpc;
import org.fdcfabric.protocol.edge.EdgeReading;
import org.fdcfabric.protocol.edge.PushAck;
import org.fdcfabric.protocol.edge.ReadingBatch;
import org.fdcfabric.protocol.edge.ResumeRequest;
import org.fdcfabric.protocol.edge.ResumeResponse;

/**
 * The center's side of the edge stream: checks that a batch is the calling device's and well formed, then
 * stores it exactly once in the device's stream (the stream id is the device id).
 */
final class EdgeIngestService extends EdgeIngestGrpc.EdgeIngestImplBase {
    static final int MAX_BATCH = 10_000;
    static final int MAX_SUBJECT = 128;
    private static final System.Logger LOG = System.getLogger(EdgeIngestService.class.getName());

    private final ReadingStore store;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter refused;

    EdgeIngestService(ReadingStore store, MeterRegistry meters) {
        this.store = store;
        this.accepted = Counter.builder("fdc.edge.ingest.readings")
                .tag("result", "stored")
                .description("Edge readings stored")
                .register(meters);
        this.duplicates = Counter.builder("fdc.edge.ingest.readings")
                .tag("result", "duplicate")
                .description("Edge readings skipped because an earlier delivery stored them")
                .register(meters);
        this.refused = Counter.builder("fdc.edge.ingest.refused")
                .description("Edge calls refused (identity, malformed batch, store failure)")
                .register(meters);
    }

    @Override
    public void resume(ResumeRequest request, StreamObserver<ResumeResponse> response) {
        try {
            String device = authorize(request.getDeviceId());
            long last = store.stream(device).isPresent() ? store.lastSequence(device) : 0;
            response.onNext(ResumeResponse.newBuilder().setLastSequence(last).build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(status(e).asRuntimeException());
        }
    }

    @Override
    public void push(ReadingBatch batch, StreamObserver<PushAck> response) {
        try {
            String device = authorize(batch.getDeviceId());
            SensorModel model = model(batch.getSensorModel());
            List<Reading> readings = readings(batch, model);
            StreamDescriptor stream = new StreamDescriptor(device, model, StreamSource.EDGE);
            if (store.stream(device)
                    .filter(existing -> !existing.equals(stream))
                    .isPresent()) {
                throw Status.FAILED_PRECONDITION
                        .withDescription("stream " + device + " exists with another sensor model or source")
                        .asRuntimeException();
            }
            store.createStream(stream);
            ReadingStore.AppendResult result = store.appendOnce(device, readings);
            accepted.increment(result.accepted());
            duplicates.increment(result.duplicates());
            response.onNext(PushAck.newBuilder()
                    .setLastSequence(result.lastSequence())
                    .setAccepted(result.accepted())
                    .setDuplicates(result.duplicates())
                    .build());
            response.onCompleted();
        } catch (RuntimeException e) {
            refused.increment();
            response.onError(status(e).asRuntimeException());
        }
    }

    private static String authorize(String claimed) {
        String device = DeviceIdentityInterceptor.DEVICE_ID.get();
        if (!device.equals(claimed)) {
            throw Status.PERMISSION_DENIED
                    .withDescription("certificate is for device " + device + ", the request is for " + claimed)
                    .asRuntimeException();
        }
        try {
            return StreamDescriptor.requireValidId(device);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
    }

    private static SensorModel model(String name) {
        try {
            return SensorModel.parse(name);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
    }

    private static List<Reading> readings(ReadingBatch batch, SensorModel model) {
        if (batch.getReadingsCount() == 0 || batch.getReadingsCount() > MAX_BATCH) {
            throw invalid("a batch holds 1 to " + MAX_BATCH + " readings, this one " + batch.getReadingsCount());
        }
        if (batch.getSubject().length() > MAX_SUBJECT) {
            throw invalid("subject longer than " + MAX_SUBJECT + " characters");
        }
        int channels = model.channels().size();
        List<Reading> readings = new ArrayList<>(batch.getReadingsCount());
        long previous = 0;
        for (EdgeReading r : batch.getReadingsList()) {
            if (r.getSequence() <= previous) {
                throw invalid("sequence " + r.getSequence() + " does not rise after " + previous);
            }
            if (r.getValuesCount() != channels) {
                throw invalid("reading " + r.getSequence() + " has " + r.getValuesCount() + " values, " + model
                        + " has " + channels + " channels");
            }
            double[] values = new double[channels];
            for (int c = 0; c < channels; c++) {
                values[c] = r.getValues(c);
            }
            readings.add(new Reading(r.getSequence(), r.getTimestampMillis(), batch.getSubject(), values));
            previous = r.getSequence();
        }
        return readings;
    }

    private static RuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    private static Status status(RuntimeException e) {
        if (e instanceof io.grpc.StatusRuntimeException s) {
            return s.getStatus();
        }
        if (e instanceof StoreException) {
            LOG.log(Level.ERROR, "edge ingest could not store a batch", e);
            return Status.UNAVAILABLE.withDescription("the center could not store the batch; retry later");
        }
        LOG.log(Level.ERROR, "edge ingest failed", e);
        return Status.INTERNAL.withDescription("edge ingest failed");
    }
}
