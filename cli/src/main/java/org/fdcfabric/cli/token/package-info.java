/** {@code fdc token init|mint|transfer|balance}: the collaboration token. */
package org.fdcfabric.cli.token;
