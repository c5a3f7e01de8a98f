package org.fdcfabric.protocol.token;

/** The balance of one account (an organisation wallet or a job escrow). */
public record Balance(String account, long balance) {}
