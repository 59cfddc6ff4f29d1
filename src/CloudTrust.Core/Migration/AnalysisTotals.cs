namespace CloudTrust.Core.Migration;

/// <summary>How long a ring analysis' lists were before a report cut them (see <see cref="RingAnalysis.ForReport"/>).</summary>
/// <param name="Sources">The ring's WHfB sources.</param>
/// <param name="Findings">The precedence findings.</param>
/// <param name="Steps">The migration's steps.</param>
/// <param name="Warnings">The migration's warnings.</param>
/// <param name="CertificateTrustPolicies">The certificate-trust assignments the migration removes.</param>
/// <param name="MostShadowed">The most sources any one setting shadowed.</param>
public sealed record AnalysisTotals(int Sources, int Findings, int Steps, int Warnings, int CertificateTrustPolicies, int MostShadowed);
