using CloudTrust.Core.Migration;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Cli.Preview;

/// <summary>
/// A ring's precedence report and migration as plain lines, shared by <c>cloudtrust plan</c> and <c>rollout status</c>:
/// the trust model now and after, every WHfB source strongest first with the values it sets, the winner of each
/// setting, the findings (block, warning, info), then the migration's steps with the one that cannot be undone.
/// </summary>
public static class RingAnalysisText
{
    /// <summary>Renders one ring.</summary>
    /// <param name="analysis">The ring's analysis.</param>
    /// <returns>The lines, the first unindented.</returns>
    public static IReadOnlyList<string> Render(RingAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var p = analysis.Precedence;
        var lines = new List<string>
        {
            $"Ring '{p.Ring}': {Model(p.Current.Model)} now ({p.Current.Basis}); {Model(p.Planned)} once the rollout's profile applies",
            p.IntuneIgnored ? "  sources, strongest first (Group Policy configures WHfB here: Intune is ignored):" : "  sources, strongest first:",
        };
        var totals = analysis.Totals;
        lines.AddRange(p.Sources.Count == 0 ? ["    (none)"] : p.Sources.Select(s => $"    {s.Label}: {Values(s)}"));
        More(lines, "    ", totals?.Sources, p.Sources.Count, "source(s)");
        lines.Add("  effective: " + string.Join("; ", p.Effective.Select(Effective)));
        lines.AddRange(p.Findings.Select(f => "  " + f));
        More(lines, "  ", totals?.Findings, p.Findings.Count, "finding(s)");
        var m = analysis.Migration;
        lines.Add($"  migration from {Model(m.From)}:");
        foreach (var step in m.Steps)
        {
            var note = step == m.PointOfNoReturn ? "NOT reversible: the point of no return" : step.Reversible ? "reversible" : "not reversible";
            lines.Add($"    {step.Order}. {step.Description} [{note}{(step.RequiresApproval ? "; needs approval for this ring" : string.Empty)}]");
        }

        More(lines, "    ", totals?.Steps, m.Steps.Count, "step(s)");
        lines.AddRange(m.Warnings.Select(w => "    warning: " + w));
        More(lines, "    ", totals?.Warnings, m.Warnings.Count, "warning(s)");
        return lines;
    }

    /// <summary>Adds <c>and K more …</c> when the report cut a list (see <see cref="RingAnalysis.ForReport"/>).</summary>
    private static void More(List<string> lines, string indent, int? total, int shown, string what)
    {
        if (total is { } all && all > shown)
        {
            lines.Add($"{indent}{StatusBudget.AndMore(all - shown)} {what} (the report names the first {shown})");
        }
    }

    /// <summary>Names a trust model in the report's words.</summary>
    /// <param name="model">The model.</param>
    /// <returns>For example <c>certificate trust</c>.</returns>
    public static string Model(TrustModel model) => model switch
    {
        TrustModel.None => "no WHfB",
        TrustModel.KeyTrust => "key trust",
        TrustModel.CertificateTrust => "certificate trust",
        _ => "cloud trust",
    };

    private static string Values(HelloSource source)
    {
        var set = new[]
        {
            source.UsePassportForWork is { } hello ? $"UsePassportForWork={Text(hello)}" : null,
            source.UseCloudTrustForOnPremAuth is { } cloud ? $"UseCloudTrustForOnPremAuth={Text(cloud)}" : null,
            source.UseCertificateForOnPremAuth is { } certificate ? $"UseCertificateForOnPremAuth={Text(certificate)}" : null,
        }.OfType<string>().ToList();
        return set.Count == 0 ? "sets nothing that decides the trust model" : string.Join(", ", set);
    }

    private static string Effective(EffectiveSetting setting)
        => setting.Value is { } value ? $"{setting.Setting}={Text(value)} from {setting.Winner?.Label}" : $"{setting.Setting} not configured";

    private static string Text(bool value) => value ? "true" : "false";
}
