using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Migration;

/// <summary>
/// Turns one ring's sources (Intune and Group Policy) into its <see cref="RingAnalysis"/>: the precedence report with
/// the rollout's profile added as it will be, the certificate-trust sources the plan's migration turns off, the GPOs
/// that may apply but cannot be decided, and the migration steps. Pure: the same reads give the same analysis, so the
/// rollout (on journaled reads) and <c>cloudtrust plan</c> say the same thing.
/// </summary>
public static class RingAnalyzer
{
    /// <summary>The id the rollout's profile carries in the analysis before it exists.</summary>
    public const string PlannedProfileId = "(the rollout's profile)";

    /// <summary>Analyzes every ring of a plan from one reading of them all.</summary>
    /// <param name="plan">The plan, its ring groups resolved.</param>
    /// <param name="read">What <see cref="RolloutActivityNames.ReadHelloSources"/> read for <see cref="HelloSourcesInput.For"/> of the plan.</param>
    /// <returns>One analysis per ring, in the plan's order.</returns>
    /// <exception cref="ArgumentException">The reading does not hold one result per ring.</exception>
    public static IReadOnlyList<RingAnalysis> AnalyzeAll(RolloutPlan plan, HelloSourcesReading read)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(read);
        if (read.Rings.Count != plan.Rings.Count)
        {
            throw new ArgumentException($"the reading holds {read.Rings.Count} ring(s), the plan {plan.Rings.Count}", nameof(read));
        }

        return [.. plan.Rings.Select((ring, i) => Analyze(ring, plan.ProfileMode, plan.ProfileName, read.Rings[i]))];
    }

    /// <summary>Analyzes one ring.</summary>
    /// <param name="ring">The ring as planned.</param>
    /// <param name="mode">Settings catalog or custom OMA-URI: what kind of source the rollout's profile is.</param>
    /// <param name="profileName">The rollout's profile name.</param>
    /// <param name="read">What <see cref="RolloutActivityNames.ReadHelloSources"/> read for the ring.</param>
    /// <returns>The ring's analysis.</returns>
    public static RingAnalysis Analyze(RolloutRing ring, ProfileMode mode, string profileName, HelloSourcesResult read)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(profileName);
        ArgumentNullException.ThrowIfNull(read);
        var gpo = read.GroupPolicy ?? GroupPolicyCoverage.None;
        var certificate = ring.MigrateFrom == TrustModel.CertificateTrust ? read.CertificateTrustAssignments() : new CertificateTrustInput([]);
        var disabled = certificate.Policies.Select(p => p.SourceId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var planned = new HelloSource(
            mode == ProfileMode.CustomOmaUri ? HelloSourceKind.CustomOmaUri : HelloSourceKind.DevicePolicy,
            HelloScope.Device,
            PlannedProfileId,
            profileName,
            UsePassportForWork: true,
            UseCloudTrustForOnPremAuth: true,
            UseCertificateForOnPremAuth: null,
            IsOurs: true);
        var precedence = PrecedenceAnalyzer.Analyze(ring.Name, [.. read.Sources, .. gpo.Sources], planned, disabled, read.Evidence);

        var extra = new List<PrecedenceFinding>();
        extra.AddRange(gpo.Uncertain.Select(u => new PrecedenceFinding(PrecedenceSeverity.Warning, $"{u.Source.Label} may apply: {u.Reason}")));
        extra.AddRange((gpo.Unreadable ?? []).Select(d => new PrecedenceFinding(PrecedenceSeverity.Warning, $"Group Policy was not read in {d}; a GPO there would win over Intune")));
        var current = precedence.Current.Model;
        if (ring.MigrateFrom == TrustModel.CertificateTrust && certificate.Policies.Count == 0)
        {
            extra.Add(new PrecedenceFinding(PrecedenceSeverity.Info, "the plan migrates from certificate trust, but no Intune certificate-trust policy is assigned to the ring any more; the container deletion still waits for approval"));
        }
        else if (ring.MigrateFrom == TrustModel.KeyTrust && current == TrustModel.CertificateTrust)
        {
            extra.Add(new PrecedenceFinding(PrecedenceSeverity.Block, "the plan migrates from key trust, but the ring reads as certificate trust; set migrateFrom to certificateTrust"));
        }
        else if (ring.MigrateFrom is null && current == TrustModel.KeyTrust)
        {
            extra.Add(new PrecedenceFinding(PrecedenceSeverity.Info, "the ring reads as key trust: users sign out and in once cloud trust applies; migrateFrom: keyTrust tracks that through the ticket probe"));
        }

        var migration = MigrationPlanner.Plan(ring.Name, ring.MigrateFrom ?? current, read.HybridJoinedDevices);
        precedence = precedence with { Findings = [.. precedence.Findings.Concat(extra).OrderByDescending(f => f.Severity)] };
        return new RingAnalysis(precedence, migration, certificate);
    }
}
