package org.fdcfabric.devnet.gateway;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Gateway failures as {@code apiutils.go} builds them: a gRPC status whose {@code google.rpc.Status} details are
 * {@code Any}-packed {@code gateway.ErrorDetail{address, msp_id, message}}, one per failing endorser or orderer.
 */
final class GatewayErrors {
    private GatewayErrors() {}

    static StatusRuntimeException error(Status.Code code, String message, List<ErrorDetail> details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        details.forEach(detail -> status.addDetails(Any.pack(detail)));
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException error(Status.Code code, String message) {
        return error(code, message, List.of());
    }

    static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(address)
                .setMspId(mspId)
                .setMessage(message)
                .build();
    }
}
