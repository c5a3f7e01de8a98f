/**
 * The ways raw data enters the store besides the edge stream: CSV files described by a schema file, and the
 * wearable simulator's schools, and tables (CSV files read against a UCL schema); plus each stream's activity log,
 * which labels it.
 */
package org.fdcfabric.datacenter.store.imports;
