/**
 * The data center's local store: raw readings in an embedded (or any JDBC) database, sealed with AES-GCM in
 * chunks under a key from the center's keystore, schema managed by Flyway; and the imports that fill it (CSV
 * with a schema file, the wearable simulator, the edge stream).
 */
package org.fdcfabric.datacenter.store;
