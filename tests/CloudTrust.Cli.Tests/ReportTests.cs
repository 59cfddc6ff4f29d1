using System.Text.Json;
using System.Text.RegularExpressions;
using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Report;

namespace CloudTrust.Cli.Tests;

/// <summary>The HTML report opened in headless Chromium: its figures match the run, it is self-contained, and tenant text cannot inject markup.</summary>
public sealed partial class ReportTests
{
    [Fact]
    public async Task The_report_of_a_real_rollout_shows_the_runs_figures_in_a_browser()
    {
        await using var test = await TestTenant.StartAsync(devices: 400);
        var plan = test.WritePlan("plan.json", firstRingMaxErrorShare: 0.5);
        var run = await test.RunAsync(test.WithSettings("rollout", "start", plan));
        Assert.True(run.ExitCode is 0 or 3, run.Stdout + run.Stderr);
        var id = (await test.OnlyRolloutIdAsync())!;
        var html = Path.Combine(test.Directory, "report.html");

        var report = await test.RunAsync(test.WithSettings("report", id, "--out", html));
        var status = await test.RunAsync("rollout", "status", id, "--json");

        Assert.True(report.ExitCode == 0, report.Stdout + report.Stderr);
        var dom = await HeadlessChromium.DumpDomAsync(html);
        using var json = JsonDocument.Parse(status.Stdout);
        var rings = json.RootElement.GetProperty("report").GetProperty("rings").EnumerateArray().ToList();
        Assert.Equal(3, rings.Count);
        var failing = 0;
        foreach (var ring in rings)
        {
            var name = ring.GetProperty("name").GetString()!;
            var counts = ring.GetProperty("counts");
            var row = Regex.Match(dom, $"<tr class=\"ring\" data-ring=\"{name}\">.*?</tr>", RegexOptions.Singleline).Value;
            Assert.Contains($"<td class=\"targeted\">{counts.GetProperty("targeted").GetInt32()}</td>", row, StringComparison.Ordinal);
            Assert.Contains($"<td class=\"succeeded\">{counts.GetProperty("succeeded").GetInt32()}</td>", row, StringComparison.Ordinal);
            Assert.Contains($"<td class=\"errors\">{counts.GetProperty("errors").GetInt32()}</td>", row, StringComparison.Ordinal);
            Assert.Contains($">{ring.GetProperty("verdict").GetString()}", row, StringComparison.Ordinal);
            failing += counts.GetProperty("errors").GetInt32() + counts.GetProperty("conflicts").GetInt32();
        }

        Assert.Contains($"<span id=\"failing-count\">{failing}</span>", dom, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(dom, "<polyline class=\"series\"").Count);
        Assert.Equal(2, Regex.Matches(dom, "<tr class=\"domain\"").Count);
        Assert.DoesNotMatch(External(), await File.ReadAllTextAsync(html));

        var png = Path.Combine(test.Directory, "report.png");
        await HeadlessChromium.ScreenshotAsync(html, png);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"a {bytes.Length}-byte screenshot is blank");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        test.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task Tenant_text_with_markup_is_shown_as_text_never_run()
    {
        var directory = Directory.CreateTempSubdirectory("cloudtrust-report-").FullName;
        try
        {
            var hostile = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
            var report = new RunReport(
                "r-1", "Completed", "done", "Completed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
                [new RingRow(hostile, 2, 1, 1, 0, 0, 0, "Pass", [hostile], false)],
                [new TimelinePoint(DateTimeOffset.UnixEpoch, 0, 0, 2), new TimelinePoint(DateTimeOffset.UnixEpoch.AddHours(1), 1, 1, 0)],
                [new FailingDeviceRow("pilot", hostile, "id-1", "error")],
                0,
                [new KerberosRow(new DomainKerberosStatus("contoso.com", "healthy", true, 7, 7, DateTimeOffset.UnixEpoch, 1, []), null, null)]);
            var html = Path.Combine(directory, "report.html");
            await using (var writer = new StreamWriter(html))
            {
                HtmlReportWriter.Write(report, writer);
            }

            var dom = await HeadlessChromium.DumpDomAsync(html);

            Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("pwned", Regex.Match(dom, "<title>(.*?)</title>").Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex("(src|href)\\s*=\\s*\"?https?://", RegexOptions.IgnoreCase)]
    private static partial Regex External();
}
