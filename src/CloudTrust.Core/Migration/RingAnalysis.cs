using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Core.Migration;

/// <summary>What preflight knows of one ring before anything is written: which WHfB source wins, how the ring migrates, and what the migration turns off.</summary>
/// <param name="Precedence">The ring's precedence report (every source, the winners, the findings).</param>
/// <param name="Migration">The ring's steps to cloud trust, with the one that cannot be undone.</param>
/// <param name="CertificateTrust">The certificate-trust assignments the migration removes for the ring (empty unless the ring migrates from certificate trust).</param>
public sealed record RingAnalysis(RingPrecedence Precedence, RingMigration Migration, CertificateTrustInput CertificateTrust)
{
    /// <summary>Gets whether a finding blocks the ring.</summary>
    public bool Blocked => Precedence.Blocked;

    /// <summary>Gets the blocking findings, each prefixed with the ring (<c>ring 'pilot': …</c>).</summary>
    public IEnumerable<string> Blockers => Precedence.Findings.Where(f => f.Severity == PrecedenceSeverity.Block).Select(f => $"ring '{Precedence.Ring}': {f.Message}");
}
