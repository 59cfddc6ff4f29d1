namespace CloudTrust.Core.Rollout.Plan;

/// <summary>A validated rollout plan: which tenant and domains, which profile, and the rings in order.</summary>
/// <param name="TenantId">The Entra tenant id.</param>
/// <param name="Domains">The on-premises AD DNS domains whose Kerberos server objects must be healthy.</param>
/// <param name="ProfileMode">Settings catalog (default) or custom OMA-URI.</param>
/// <param name="ProfileName">The profile's display name; with the marker in its description it identifies our policy.</param>
/// <param name="RequireSecurityDevice">Whether the profile requires a TPM (default true).</param>
/// <param name="PollInterval">How often ring status is read while a ring soaks.</param>
/// <param name="Rings">The rings in rollout order.</param>
/// <param name="TicketProbe">Whether to ship the ticket probe after the last ring and report OnPremTgt/CloudTgt per device.</param>
public sealed record RolloutPlan(
    Guid TenantId,
    IReadOnlyList<string> Domains,
    ProfileMode ProfileMode,
    string ProfileName,
    bool RequireSecurityDevice,
    TimeSpan PollInterval,
    IReadOnlyList<RolloutRing> Rings,
    bool TicketProbe = false)
{
    /// <summary>Gets every group id of every ring, in ring order, without duplicates.</summary>
    public IReadOnlyList<Guid> AllGroupIds => Rings.SelectMany(r => r.GroupIds).Distinct().ToList();
}
