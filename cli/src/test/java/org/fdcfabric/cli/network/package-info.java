/**
 * The real Fabric network's configuration ({@code network-config/}) and scripts: checks that run without Fabric's
 * binaries (names agree everywhere, packages and profiles are well formed, the scripts refuse clearly when a
 * prerequisite is missing), and, where the binaries are at hand, the network itself: the whole collaboration and a
 * chaincode upgrade ({@code RealFabricIT}) and an institution on a host of its own ({@code InstitutionHostIT}).
 */
package org.fdcfabric.cli.network;
