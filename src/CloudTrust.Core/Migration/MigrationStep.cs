namespace CloudTrust.Core.Migration;

/// <summary>One step of a ring's migration.</summary>
/// <param name="Order">Its position, from 1.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Description">What it does, for the plan output.</param>
/// <param name="Reversible">Whether the rollout can undo it (an abort rolls back every reversible step).</param>
/// <param name="RequiresApproval">Whether a person must approve it for this ring first.</param>
public sealed record MigrationStep(int Order, MigrationStepKind Kind, string Description, bool Reversible, bool RequiresApproval);
