namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>The payload of <see cref="RolloutEvents.ApproveDeletion"/>: which ring's WHfB containers may be deleted, and who said so.</summary>
/// <param name="Ring">The ring's name; an approval naming another ring is not taken.</param>
/// <param name="By">Who approved (an account name), for the report.</param>
public sealed record ContainerDeletionApproval(string? Ring, string? By);
