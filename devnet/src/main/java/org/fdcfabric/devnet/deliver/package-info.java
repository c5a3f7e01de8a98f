/**
 * The peer's {@code protos.Deliver} service (Deliver, DeliverFiltered, DeliverWithPrivateData) as {@code
 * common/deliver/deliver.go} and {@code core/peer/deliverevents.go} serve it: signed seek envelopes, start and stop
 * positions, the Readers ACL, and a status response closing every request.
 */
package org.fdcfabric.devnet.deliver;
