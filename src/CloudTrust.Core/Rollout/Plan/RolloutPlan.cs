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
/// <param name="CreateMissingGroups">Whether ring groups named by display name that do not exist are created (assigned-membership security groups).</param>
/// <param name="Hello">Optional WHfB settings set alongside cloud trust.</param>
public sealed record RolloutPlan(
    Guid TenantId,
    IReadOnlyList<string> Domains,
    ProfileMode ProfileMode,
    string ProfileName,
    bool RequireSecurityDevice,
    TimeSpan PollInterval,
    IReadOnlyList<RolloutRing> Rings,
    bool TicketProbe = false,
    bool CreateMissingGroups = false,
    HelloOptions? Hello = null)
{
    /// <summary>Gets whether each on-premises readiness finding blocks the rollout or warns (the plan's <c>readiness</c>).</summary>
    public OnPremisesReadinessPolicy Readiness { get; init; } = OnPremisesReadinessPolicy.Default;

    /// <summary>
    /// Gets how each domain's Kerberos server object is read and created by this rollout's preview and preflight (the
    /// plan's <c>cloudSignIn</c> and <c>cloudSignInByDomain</c>, read as the rotation policy reads them; attended unless
    /// password is named), or null when the plan names neither: then the tenant's rotation policy decides, as it does for
    /// <c>kerberos status</c> and rotation.
    /// </summary>
    public Rotation.CloudSignInPolicy? CloudSignIn { get; init; }

    /// <summary>Gets every group id of every ring, in ring order, without duplicates.</summary>
    public IReadOnlyList<Guid> AllGroupIds => Rings.SelectMany(r => r.GroupIds).Distinct().ToList();

    /// <summary>Gets whether the rollout ships the ticket probe (the plan asks for it, a ring migrates from key trust or gates on tickets), so its permission is granted.</summary>
    public bool UsesTicketProbe => TicketProbe || Rings.Any(r => r.MigrateFrom == Precedence.TrustModel.KeyTrust || r.TicketThreshold is not null);

    /// <summary>Gets every group display name of every ring, in ring order.</summary>
    public IReadOnlyList<string> AllGroupNames => Rings.SelectMany(r => r.GroupNames ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Returns the plan with each ring's group names replaced by the ids they resolved to.</summary>
    /// <param name="idsByName">Group display name → id (case-insensitive), covering every name of the plan.</param>
    /// <param name="dropUnknown">Leave out names the lookup lacks (groups a dry run says it would create) instead of failing.</param>
    /// <returns>The resolved plan.</returns>
    public RolloutPlan WithResolvedGroups(IReadOnlyDictionary<string, Guid> idsByName, bool dropUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(idsByName);
        var lookup = new Dictionary<string, Guid>(idsByName, StringComparer.OrdinalIgnoreCase);
        return this with
        {
            Rings = [.. Rings.Select(r => r with
            {
                GroupIds = [.. r.GroupIds.Concat((r.GroupNames ?? []).Where(n => !dropUnknown || lookup.ContainsKey(n)).Select(n => lookup[n])).Distinct()],
                GroupNames = [],
            })],
        };
    }
}
