namespace CloudTrust.Simulator.Graph;

/// <summary>A read-only view of one simulated policy, for tests and the demo.</summary>
/// <param name="Id">The policy id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Choices">Choice setting id → option id.</param>
/// <param name="AssignedGroups">The groups it is assigned to.</param>
/// <param name="SettingsJson">The settings exactly as stored (JSON array).</param>
public sealed record PolicySnapshot(string Id, string Name, string Description, IReadOnlyDictionary<string, string> Choices, IReadOnlyList<Guid> AssignedGroups, string SettingsJson);
