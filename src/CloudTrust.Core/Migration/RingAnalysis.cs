using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Core.Migration;

/// <summary>What preflight knows of one ring before anything is written: which WHfB source wins, how the ring migrates, and what the migration turns off.</summary>
/// <param name="Precedence">The ring's precedence report (every source, the winners, the findings).</param>
/// <param name="Migration">The ring's steps to cloud trust, with the one that cannot be undone.</param>
/// <param name="CertificateTrust">The certificate-trust assignments the migration removes for the ring (empty unless the ring migrates from certificate trust).</param>
/// <param name="Totals">Set when a report cut the lists (<see cref="ForReport"/>): how long each list was.</param>
public sealed record RingAnalysis(RingPrecedence Precedence, RingMigration Migration, CertificateTrustInput CertificateTrust, AnalysisTotals? Totals = null)
{
    /// <summary>
    /// Gets the analysis as a report carries it: each list (sources, the sources a setting shadows, findings, steps,
    /// warnings, certificate-trust assignments) cut to its first <paramref name="sample"/> items, block findings
    /// first, with <see cref="Totals"/> saying how long they were. A tenant with thousands of WHfB policies would
    /// otherwise make the rollout's output larger than a queue message (see <c>StatusBudget.MaxPayloadBytes</c>).
    /// Returns this analysis unchanged when nothing is longer than <paramref name="sample"/>; an analysis cut before
    /// keeps the totals of its first cut.
    /// </summary>
    /// <param name="sample">How many items each list keeps.</param>
    /// <returns>The analysis for the report.</returns>
    public RingAnalysis ForReport(int sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        var p = Precedence;
        var totals = Totals ?? new AnalysisTotals(
            p.Sources.Count,
            p.Findings.Count,
            Migration.Steps.Count,
            Migration.Warnings.Count,
            CertificateTrust.Policies.Count,
            p.Effective.Select(e => e.Shadowed.Count).DefaultIfEmpty(0).Max());
        if (new[] { p.Sources.Count, p.Findings.Count, Migration.Steps.Count, Migration.Warnings.Count, CertificateTrust.Policies.Count, p.Effective.Select(e => e.Shadowed.Count).DefaultIfEmpty(0).Max() }.All(n => n <= sample))
        {
            return this;
        }

        var findings = p.Findings.Where(f => f.Severity == PrecedenceSeverity.Block).Concat(p.Findings.Where(f => f.Severity != PrecedenceSeverity.Block));
        return new RingAnalysis(
            p with
            {
                Sources = [.. p.Sources.Take(sample)],
                Effective = [.. p.Effective.Select(e => e with { Shadowed = [.. e.Shadowed.Take(sample)] })],
                Findings = [.. findings.Take(sample)],
            },
            Migration with { Steps = [.. Migration.Steps.Take(sample)], Warnings = [.. Migration.Warnings.Take(sample)] },
            CertificateTrust with { Policies = [.. CertificateTrust.Policies.Take(sample)] },
            totals);
    }

    /// <summary>Gets whether a finding blocks the ring.</summary>
    public bool Blocked => Precedence.Blocked;

    /// <summary>Gets the blocking findings, each prefixed with the ring (<c>ring 'pilot': …</c>).</summary>
    public IEnumerable<string> Blockers => Precedence.Findings.Where(f => f.Severity == PrecedenceSeverity.Block).Select(f => $"ring '{Precedence.Ring}': {f.Message}");
}
