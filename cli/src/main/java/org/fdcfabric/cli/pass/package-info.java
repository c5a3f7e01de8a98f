/** {@code fdc request submit} and {@code fdc pass grant|deny|revoke|show}: signed requests and access passes. */
package org.fdcfabric.cli.pass;
