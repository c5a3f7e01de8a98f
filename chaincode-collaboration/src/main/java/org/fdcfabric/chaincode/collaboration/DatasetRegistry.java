package org.fdcfabric.chaincode.collaboration;

import java.util.List;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.chaincode.support.Tx;
import org.fdcfabric.protocol.ErrorCode;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.Ucl;
import org.fdcfabric.protocol.ucl.UclStatus;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * Read-only view of the UCL registry on channel {@code registration}. Fabric allows a cross-channel invocation
 * only as a query: nothing it writes is committed, and its reads are not validated at commit, which is fine for
 * ownership and record counts (they never change owners; a retired dataset stays retired).
 */
public final class DatasetRegistry {
    public static final String CHAINCODE = "registration";
    public static final String CHANNEL = "registration";
    public static final String GET_DATASET = "registration:GetDataset";

    private final Tx tx;

    public DatasetRegistry(Tx tx) {
        this.tx = tx;
    }

    /** The dataset's current UCL; {@code DATASET_NOT_FOUND} if the registry does not know it. */
    public Ucl dataset(String datasetId) {
        Chaincode.Response response =
                tx.stub().invokeChaincodeWithStringArgs(CHAINCODE, List.of(GET_DATASET, datasetId), CHANNEL);
        if (response.getStatus() != Chaincode.Response.Status.SUCCESS) {
            String message = response.getMessage() == null ? "" : response.getMessage();
            if (message.contains(ErrorCode.DATASET_NOT_FOUND.name())) {
                throw Refusals.refuse(ErrorCode.DATASET_NOT_FOUND, "dataset " + datasetId + " is not registered");
            }
            throw Refusals.refuse(
                    ErrorCode.REGISTRY_UNAVAILABLE,
                    "the registration chaincode answered " + response.getStatusCode() + ": " + message);
        }
        try {
            return CanonicalJson.read(response.getPayload(), Ucl.class);
        } catch (InvalidInputException e) {
            throw Refusals.refuse(
                    ErrorCode.REGISTRY_UNAVAILABLE, "the registration chaincode returned an unreadable UCL");
        }
    }

    /** The UCL of an active dataset owned by {@code ownerMsp}. */
    public Ucl ownedActiveDataset(String datasetId, String ownerMsp) {
        Ucl ucl = dataset(datasetId);
        if (!ucl.ownerMsp().equals(ownerMsp)) {
            throw Refusals.refuse(
                    ErrorCode.NOT_DATASET_OWNER,
                    "dataset " + datasetId + " belongs to " + ucl.ownerMsp() + ", not " + ownerMsp);
        }
        if (ucl.status() == UclStatus.RETIRED) {
            throw Refusals.refuse(ErrorCode.DATASET_RETIRED, "dataset " + datasetId + " is retired");
        }
        return ucl;
    }
}
