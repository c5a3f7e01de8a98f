/** The {@code fdc experiment} command: federated vs centralized vs local-only training on one split. */
package org.fdcfabric.cli.experiment;
