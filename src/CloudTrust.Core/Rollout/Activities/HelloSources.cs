using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>
/// Input of <see cref="RolloutActivityNames.ReadHelloSources"/>: every ring of a plan, read in one pass (the tenant's
/// policies, managed devices, registrations and GPOs once, each ring's share picked out of them).
/// </summary>
/// <param name="Rings">Element i holds ring i's groups.</param>
/// <param name="OurPolicyId">The rollout's own profile id when it exists (its source is then marked <see cref="HelloSource.IsOurs"/>).</param>
/// <param name="TicketProbeScriptId">The ticket probe's Remediations script id when it was deployed, for evidence of working cloud trust.</param>
/// <param name="Domains">The AD domains whose Group Policy is read through the agent (none: Group Policy is not read).</param>
/// <param name="OurProfileName">The rollout's profile name: a policy with this name and the rollout's marker is ours even before its id is known.</param>
/// <param name="FindTicketProbe">Without <paramref name="TicketProbeScriptId"/>: look for a probe an earlier rollout deployed and read its results (only when the plan uses the probe, so its permission is granted).</param>
public sealed record HelloSourcesInput(
    IReadOnlyList<IReadOnlyList<Guid>> Rings,
    string? OurPolicyId = null,
    string? TicketProbeScriptId = null,
    IReadOnlyList<string>? Domains = null,
    string? OurProfileName = null,
    bool FindTicketProbe = false)
{
    /// <summary>The read preflight and <c>cloudtrust plan</c> make for a plan's rings (its domains' GPOs, its profile name, the probe when the plan uses it).</summary>
    /// <param name="plan">The plan, its ring groups resolved.</param>
    /// <returns>The input.</returns>
    public static HelloSourcesInput For(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new HelloSourcesInput([.. plan.Rings.Select(r => r.GroupIds)], Domains: plan.Domains, OurProfileName: plan.ProfileName, FindTicketProbe: plan.UsesTicketProbe);
    }
}

/// <summary>Output of <see cref="RolloutActivityNames.ReadHelloSources"/>: what configures WHfB for each ring today.</summary>
/// <param name="Rings">Element i is ring i's reading, in the input's order.</param>
public sealed record HelloSourcesReading(IReadOnlyList<HelloSourcesResult> Rings);

/// <summary>One ring's part of <see cref="HelloSourcesReading"/>: what configures WHfB for the ring today.</summary>
/// <param name="Sources">The tenant-wide enrollment configuration and every Intune policy assigned to one of the ring's groups that sets a trust-model value.</param>
/// <param name="Assignments">For each Intune source (by <see cref="HelloSource.Id"/>), its kind of profile and the ring groups it is assigned to.</param>
/// <param name="Evidence">Users of the ring with WHfB registered, and the ticket probe's results for the ring's devices.</param>
/// <param name="GroupPolicy">The GPOs of the plan's domains that reach the ring's devices, read through the agent; null when no domain was asked for.</param>
/// <param name="HybridJoinedDevices">The ring's managed devices that are Microsoft Entra hybrid joined.</param>
public sealed record HelloSourcesResult(
    IReadOnlyList<HelloSource> Sources,
    IReadOnlyList<SourceAssignment> Assignments,
    TrustModelEvidence Evidence,
    GroupPolicyCoverage? GroupPolicy = null,
    int HybridJoinedDevices = 0)
{
    /// <summary>
    /// The assignments a certificate-trust migration removes for the ring: every source other than ours that turns
    /// UseCertificateForOnPremAuth on, with the ring groups it is assigned to.
    /// </summary>
    /// <returns>The input of <see cref="RolloutActivityNames.DisableCertificateTrust"/>.</returns>
    public CertificateTrustInput CertificateTrustAssignments()
    {
        var certificate = Sources.Where(s => s.UseCertificateForOnPremAuth == true && !s.IsOurs).Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new CertificateTrustInput([.. Assignments.Where(a => certificate.Contains(a.SourceId) && a.GroupIds.Count > 0)]);
    }
}

/// <summary>Which ring groups an Intune source is assigned to.</summary>
/// <param name="SourceId">The policy or profile id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Mode">Settings catalog (Account Protection included) or custom OMA-URI: where its assignment list lives.</param>
/// <param name="GroupIds">The ring groups in its assignment list.</param>
public sealed record SourceAssignment(string SourceId, string Name, ProfileMode Mode, IReadOnlyList<Guid> GroupIds);
