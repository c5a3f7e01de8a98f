/**
 * Checks of the real Fabric network's configuration ({@code network-config/}) and scripts that run without Fabric's
 * binaries: names agree everywhere, packages and profiles are well formed, and the scripts refuse clearly when a
 * prerequisite is missing.
 */
package org.fdcfabric.cli.network;
