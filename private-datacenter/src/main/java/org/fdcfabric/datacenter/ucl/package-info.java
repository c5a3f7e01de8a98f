/**
 * The data registration generator (FDC IV-B): turns a governed dataset into its UCL (canonical records, Merkle
 * root, schema), registers or updates it through a {@link org.fdcfabric.datacenter.ucl.UclRegistry}, and proves
 * single records against the registered root.
 */
package org.fdcfabric.datacenter.ucl;
