using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Plan;

/// <summary>
/// Parts of the plan format that are read and validated but not yet carried out by the rollout: the optional WHfB
/// settings (issue 9). A plan using them is refused with the
/// place and the reason, before anything is read or written, instead of being half applied.
/// </summary>
public static class PlanSupport
{
    /// <summary>Returns an error for each part of <paramref name="plan"/> the rollout cannot carry out yet.</summary>
    /// <param name="plan">A valid plan.</param>
    /// <returns>The errors; empty when the rollout can run it.</returns>
    public static IReadOnlyList<ValidationError> Unsupported(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<ValidationError>();
        if (plan.Hello is { IsEmpty: false })
        {
            errors.Add(new ValidationError("helloSettings", "optional WHfB settings are validated but not yet written into the profile"));
        }

        return errors;
    }
}
