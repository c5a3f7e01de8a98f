/** {@code fdc audit trail|verify}: audit trails, read and verified on chain and locally. */
package org.fdcfabric.cli.audit;
