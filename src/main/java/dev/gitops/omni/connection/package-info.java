/**
 * The one domain model of an Omni connection, shared by the planner ({@code core}) and the client
 * ({@code client}): the connection as Omni reports it ({@link
 * dev.gitops.omni.connection.ObservedConnection}), a create ({@link
 * dev.gitops.omni.connection.NewConnection}), an in-place update ({@link
 * dev.gitops.omni.connection.ConnectionPatch}), and the wire name of every field ({@link
 * dev.gitops.omni.connection.WireField}). See docs/architecture.md.
 */
package dev.gitops.omni.connection;
