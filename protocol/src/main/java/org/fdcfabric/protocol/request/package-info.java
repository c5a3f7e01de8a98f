/** Signed collaboration requests: what a data user asks for, in canonical form, with its ECDSA signature. */
package org.fdcfabric.protocol.request;
