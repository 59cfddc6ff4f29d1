using CloudTrust.Cli.Preview;
using CloudTrust.Core.Migration;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Cli.Tests;

public sealed class RingAnalysisTextTests
{
    [Fact]
    public void A_ring_analysis_the_report_cut_says_how_many_sources_and_findings_it_left_out()
    {
        var sources = Enumerable.Range(0, 1_000).Select(i => new HelloSource(HelloSourceKind.DevicePolicy, HelloScope.Device, $"policy-{i}", $"Legacy {i:D4}", true, null, true)).ToList();
        var findings = sources.Select(s => new PrecedenceFinding(PrecedenceSeverity.Block, $"'{s.Name}' enables certificate trust")).ToList();
        var full = new RingAnalysis(
            new RingPrecedence("pilot", sources, [new EffectiveSetting(HelloSetting.UseCertificateForOnPremAuth, true, sources[0], sources[1..])], false, new TrustModelReading(TrustModel.CertificateTrust, "policies"), TrustModel.CertificateTrust, findings),
            new RingMigration("pilot", TrustModel.CertificateTrust, [], []),
            new CertificateTrustInput([]));

        var lines = RingAnalysisText.Render(full.ForReport(20));
        var uncut = RingAnalysisText.Render(full);

        Assert.Contains("    and 980 more source(s) (the report names the first 20)", lines);
        Assert.Contains("  and 980 more finding(s) (the report names the first 20)", lines);
        Assert.DoesNotContain(uncut, l => l.Contains("more source(s)", StringComparison.Ordinal));
        Assert.True(lines.Count < 60, $"{lines.Count} lines");
    }
}
