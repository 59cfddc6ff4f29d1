using CloudTrust.Core.Migration;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Preview;

/// <summary>
/// What <c>cloudtrust plan</c> says a rollout of a plan WOULD do to the tenant as it is now, one section per
/// concern; nothing was changed to find out. When the plan is invalid only <see cref="PlanErrors"/> is set and
/// nothing was read. New analyses are added as new sections (nullable, so older readers ignore them).
/// </summary>
public sealed record PlanPreview
{
    /// <summary>Gets the plan's validation errors, each with its path; empty when the plan is valid.</summary>
    public IReadOnlyList<ValidationError> PlanErrors { get; init; } = [];

    /// <summary>Gets a value indicating whether the plan was valid (and the tenant was read).</summary>
    public bool IsValid => PlanErrors.Count == 0;

    /// <summary>Gets the profile the rollout would create or update, with the per-setting diff.</summary>
    public ProfilePreview? Profile { get; init; }

    /// <summary>Gets the assignments per ring.</summary>
    public AssignmentPreview? Assignments { get; init; }

    /// <summary>Gets each plan domain's Kerberos server object, and which would be created.</summary>
    public KerberosPreview? Kerberos { get; init; }

    /// <summary>Gets the other policies that defeat cloud trust on the plan's groups.</summary>
    public ConflictPreview? Conflicts { get; init; }

    /// <summary>Gets the devices and users not ready, per ring, counted by reason.</summary>
    public ReadinessPreview? Readiness { get; init; }

    /// <summary>Gets the domain controllers per site and the privileged users per ring, read through the agent; null when no agent was asked.</summary>
    public OnPremisesPreview? OnPremises { get; init; }

    /// <summary>Gets the plan's <c>readiness</c> setting: whether each on-premises finding blocks or warns.</summary>
    public Plan.OnPremisesReadinessPolicy? ReadinessPolicy { get; init; }

    /// <summary>Gets how each domain's Kerberos server object is read and would be created when missing (<c>attended</c> or <c>password</c>), by domain: the plan's <c>cloudSignIn</c> when it names one, else the tenant's rotation policy.</summary>
    public IReadOnlyDictionary<string, string>? CloudSignIn { get; init; }

    /// <summary>Gets what the rollout would go ahead with but an admin should know (users who will not get cloud Kerberos tickets).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets the ring groups named by display name that do not exist and that the rollout would create (<c>createMissingGroups</c>).</summary>
    public IReadOnlyList<string> GroupsToCreate { get; init; } = [];

    /// <summary>Gets each ring's WHfB sources, which one wins, its trust model now and after, and its migration steps.</summary>
    public IReadOnlyList<RingAnalysis>? Analyses { get; init; }

    /// <summary>Gets what would stop the rollout at its preflight (conflicts, unhealthy or unreadable Kerberos objects, blocking precedence findings); empty when it would go ahead.</summary>
    public IReadOnlyList<string> Blockers { get; init; } = [];
}
