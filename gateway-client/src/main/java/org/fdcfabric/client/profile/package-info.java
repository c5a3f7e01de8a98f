/**
 * Connection profiles on disk: reading YAML or JSON into the protocol's {@code ConnectionProfile}, resolving the
 * files it names relative to itself, and loading an identity's certificate and key with errors that name the file.
 */
package org.fdcfabric.client.profile;
