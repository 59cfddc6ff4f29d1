using CloudTrust.Core.Validation;
namespace CloudTrust.Core.Rollout.Plan;

/// <summary>The outcome of reading a plan: the plan when valid, otherwise every error found.</summary>
/// <param name="Plan">The plan, or null when there are errors.</param>
/// <param name="Errors">The errors; empty when the plan is valid.</param>
public sealed record PlanReadResult(RolloutPlan? Plan, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Gets a value indicating whether the plan is valid.</summary>
    public bool IsValid => Plan is not null && Errors.Count == 0;
}
