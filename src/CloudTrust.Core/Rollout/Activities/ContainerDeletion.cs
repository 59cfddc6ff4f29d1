namespace CloudTrust.Core.Rollout.Activities;

/// <summary>
/// Input of <see cref="RolloutActivityNames.DeployContainerDeletion"/>: the ring whose users' Hello containers are
/// deleted (<c>certutil.exe -deletehellocontainer</c>, as each user). Irreversible: call it only after the ring's approval.
/// </summary>
/// <param name="GroupIds">The ring's groups (added to the script's assignment list; groups already there are kept).</param>
public sealed record ContainerDeletionInput(IReadOnlyList<Guid> GroupIds);

/// <summary>Output of <see cref="RolloutActivityNames.DeployContainerDeletion"/>.</summary>
/// <param name="ScriptId">The Remediations script's id (one script for every ring, found again by the marker in its description).</param>
/// <param name="Created">Whether this call created the script.</param>
/// <param name="Assigned">Every group the script is assigned to after the call.</param>
public sealed record ContainerDeletionResult(string ScriptId, bool Created, IReadOnlyList<Guid> Assigned);

/// <summary>Input of <see cref="RolloutActivityNames.ReadReprovisioning"/>.</summary>
/// <param name="GroupIds">The ring's groups.</param>
/// <param name="ScriptId">The container-deletion script's id.</param>
/// <param name="DeletionDeployedAt">When the deletion was deployed to the ring (the workflow's clock): registrations updated after it count as provisioned again.</param>
/// <param name="SampleLimit">How many users still waiting to name.</param>
public sealed record ReprovisioningInput(IReadOnlyList<Guid> GroupIds, string ScriptId, DateTimeOffset DeletionDeployedAt, int SampleLimit);

/// <summary>Output of <see cref="RolloutActivityNames.ReadReprovisioning"/>: how far a ring's users are through deletion and provisioning again.</summary>
/// <param name="Users">Primary users of the ring's devices.</param>
/// <param name="ContainersDeleted">Ring devices where the script deleted a container.</param>
/// <param name="NothingToDelete">Ring devices where the script ran and found no container.</param>
/// <param name="Reprovisioned">Users whose WHfB registration was updated after the deletion was deployed.</param>
/// <param name="Waiting">Named users not provisioned again yet (up to the sample limit).</param>
public sealed record ReprovisioningStatus(int Users, int ContainersDeleted, int NothingToDelete, int Reprovisioned, IReadOnlyList<string> Waiting);
