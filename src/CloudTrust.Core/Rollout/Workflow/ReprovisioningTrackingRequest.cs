using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// Input of <see cref="ReprovisioningTrackingWorkflow"/>: the ring whose Hello containers were deleted, until when to
/// track its users provisioning WHfB again, the rollout's status meanwhile, and the minimal state one execution hands
/// the next when it continues as new. Never a secret.
/// </summary>
/// <param name="GroupIds">The ring's groups.</param>
/// <param name="ScriptId">The container deletion's Remediations script id.</param>
/// <param name="DeployedAt">When the deletion was deployed (workflow time).</param>
/// <param name="Until">The ring's deadline for re-provisioning (workflow time).</param>
/// <param name="PollInterval">How long to wait before each read.</param>
/// <param name="Status">The rollout's status while re-provisioning is tracked; the progress goes into its reasons.</param>
/// <param name="Polls">Reads made so far, over every execution.</param>
/// <param name="Last">The last read, if any.</param>
public sealed record ReprovisioningTrackingRequest(
    IReadOnlyList<Guid> GroupIds,
    string ScriptId,
    DateTime DeployedAt,
    DateTime Until,
    TimeSpan PollInterval,
    RolloutStatus Status,
    int Polls = 0,
    ReprovisioningStatus? Last = null);
