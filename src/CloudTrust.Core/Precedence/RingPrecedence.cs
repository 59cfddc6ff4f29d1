namespace CloudTrust.Core.Precedence;

/// <summary>The precedence report of one ring: every WHfB source, which wins per setting, and what that means.</summary>
/// <param name="Ring">The ring's name.</param>
/// <param name="Sources">Every source that applies to the ring, strongest first.</param>
/// <param name="Effective">The winning value of each setting once the rollout's profile is assigned.</param>
/// <param name="IntuneIgnored">Whether Group Policy configures WHfB for the ring, so Intune's settings are ignored.</param>
/// <param name="Current">The trust model before the rollout.</param>
/// <param name="Planned">The trust model once the rollout's profile applies.</param>
/// <param name="Findings">The report's lines, most severe first.</param>
public sealed record RingPrecedence(
    string Ring,
    IReadOnlyList<HelloSource> Sources,
    IReadOnlyList<EffectiveSetting> Effective,
    bool IntuneIgnored,
    TrustModelReading Current,
    TrustModel Planned,
    IReadOnlyList<PrecedenceFinding> Findings)
{
    /// <summary>Gets whether a finding blocks the ring.</summary>
    public bool Blocked => Findings.Any(f => f.Severity == PrecedenceSeverity.Block);

    /// <summary>Gets the effective value of a setting.</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>Its effective value and winner.</returns>
    public EffectiveSetting Of(HelloSetting setting) => Effective.First(e => e.Setting == setting);
}
