using CloudTrust.Core.Precedence;

namespace CloudTrust.Core.Rollout.Plan;

/// <summary>One ring of a rollout: the groups it targets and the evidence it needs before the next ring.</summary>
/// <param name="Name">A display name, for example <c>pilot</c>.</param>
/// <param name="GroupIds">The Entra group ids the ring assigns the profile to.</param>
/// <param name="SuccessThreshold">The share (0..1) of targeted devices whose policy state must be succeeded.</param>
/// <param name="MaxErrorShare">The largest share (0..1) of targeted devices in error or conflict that is tolerated.</param>
/// <param name="Soak">How long to wait after assigning before the gate may pass.</param>
/// <param name="VerificationDeadline">How long after assigning the threshold must be met, or the gate fails.</param>
/// <param name="RequireApproval">Whether a person must approve (event <c>approve</c>) before the next ring.</param>
/// <param name="GroupNames">Entra groups named by display name, resolved (or created) in preflight.</param>
/// <param name="MigrateFrom">The trust model the ring migrates from (key or certificate trust), when the plan says so.</param>
/// <param name="TicketThreshold">
/// When set, the share (0..1) of the ring's devices reporting the ticket probe that must hold both CloudTgt and
/// OnPremTgt before the gate passes; the probe is then assigned to the ring's groups when the ring starts.
/// </param>
/// <param name="MinTicketReports">How many of the ring's devices must have reported the probe before the ticket share counts.</param>
public sealed record RolloutRing(
    string Name,
    IReadOnlyList<Guid> GroupIds,
    double SuccessThreshold,
    double MaxErrorShare,
    TimeSpan Soak,
    TimeSpan VerificationDeadline,
    bool RequireApproval,
    IReadOnlyList<string>? GroupNames = null,
    TrustModel? MigrateFrom = null,
    double? TicketThreshold = null,
    int MinTicketReports = 1);
