using System.Text.Json;
using System.Text.RegularExpressions;
using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Report;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Cli.Tests;

/// <summary>The HTML report opened in headless Chromium: its figures match the run, it is self-contained, and tenant text cannot inject markup.</summary>
[RunsLong(70)]
public sealed partial class ReportTests
{
    private const string HostileDeviceName = "<script>alert(1)</script>PC-EVIL";

    [Fact]
    public async Task The_report_of_a_real_rollout_shows_the_runs_figures_in_a_browser()
    {
        await using var test = await TestTenant.StartAsync(devices: 400);
        test.Tenant.Intune.AddNamedDevice(test.Tenant.Rings[0].GroupId, HostileDeviceName, new FleetMix { OldBuild = 1 });
        test.Tenant.Intune.AddHelloPolicy("<b>WHfB key trust</b>", Core.Precedence.HelloScope.Device, new Dictionary<Core.Precedence.HelloSetting, bool> { [Core.Precedence.HelloSetting.UsePassportForWork] = true }, [test.Tenant.Rings[1].GroupId]);
        // The pilot soaks for three of the simulator's 8-hour check-in intervals, so the hostile device has checked in and
        // reported its error before the gate can pass. At the tests' 28,800x clock one interval is one wall-clock second:
        // with the default 2-hour soak a busy CI machine let the gate pass at 90 % success while it was still pending.
        var plan = test.WritePlan("plan.json", firstRingMaxErrorShare: 0.5, firstRingSoak: TimeSpan.FromDays(1));
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
        var polls = 0;
        foreach (var ring in rings)
        {
            var row = AssertRingRow(dom, ring.GetProperty("name").GetString()!, ring.GetProperty("counts"), ring.GetProperty("verdict").GetString()!);
            Assert.Equal(Math.Min(8, ring.GetProperty("reasons").GetArrayLength()), Regex.Matches(row, "<li>").Count);
            failing += ring.GetProperty("counts").GetProperty("errors").GetInt32() + ring.GetProperty("counts").GetProperty("conflicts").GetInt32();
            polls += ring.GetProperty("polls").GetInt32();
        }

        Assert.Contains($"<span id=\"failing-count\">{failing}</span>", dom, StringComparison.Ordinal);
        Assert.Equal(Math.Min(failing, RunReportBuilder.FailingLimit), Regex.Matches(dom, "<tr class=\"failing-device\">").Count);

        // One chart point per ReadRingStatus completion in the journal, which the rollout counts as its polls.
        var series = Regex.Matches(dom, "<polyline class=\"series\"[^>]* points=\"([^\"]*)\"");
        Assert.Equal(3, series.Count);
        Assert.All(series, s => Assert.Equal(polls, s.Groups[1].Value.Split(' ').Length));
        Assert.Contains("class=\"axis-x\"", dom, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(dom, "<tr class=\"domain\"").Count);
        Assert.Equal(3, Regex.Matches(dom, "<tr class=\"ring-precedence\"").Count);
        var early = Regex.Match(dom, "<tr class=\"ring-precedence\" data-ring=\"early\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<td class=\"models\">key trust → cloud trust</td>", early, StringComparison.Ordinal);
        Assert.Contains("<li>device-scoped policy '&lt;b&gt;WHfB key trust&lt;/b&gt;'</li>", early, StringComparison.Ordinal);
        Assert.Contains("<td class=\"models\">no WHfB → cloud trust</td>", Regex.Match(dom, "<tr class=\"ring-precedence\" data-ring=\"pilot\">.*?</tr>", RegexOptions.Singleline).Value, StringComparison.Ordinal);

        // The tenant's hostile device name is in the failing list as text; nothing was injected.
        Assert.Contains("<td class=\"device-name\">&lt;script&gt;alert(1)&lt;/script&gt;PC-EVIL</td>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        var file = await File.ReadAllTextAsync(html);
        Assert.DoesNotContain("<script", file, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(External(), file);

        var png = Path.Combine(test.Directory, "report.png");
        await HeadlessChromium.ScreenshotAsync(html, png);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"a {bytes.Length}-byte screenshot is blank");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        if (System.Environment.GetEnvironmentVariable("CLOUDTRUST_REPORT_SAMPLE") is { Length: > 0 } sample)
        {
            File.Copy(png, sample, overwrite: true);
        }

        test.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task The_report_of_an_unfinished_rollout_shows_each_ring_and_its_failing_devices_from_the_journals_status_reads()
    {
        SimulatedRing[] rings =
        [
            SimulatedRing.DefaultFleet[0] with { Mix = new FleetMix { NoTpm = 0.3 } },
            SimulatedRing.DefaultFleet[1],
            SimulatedRing.DefaultFleet[2],
        ];
        await using var test = await TestTenant.StartAsync(devices: 300, rings: rings);
        var plan = test.WritePlan("plan.json", approvalAfterRing2: true, firstRingMaxErrorShare: 0.02);
        var start = await test.RunAsync(test.WithSettings("rollout", "start", plan));
        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        var id = (await test.OnlyRolloutIdAsync())!;
        var html = Path.Combine(test.Directory, "report.html");

        // Paused at the pilot's failed gate: no final report yet, so the failing devices come from the last status read.
        Assert.Equal(0, (await test.RunAsync("report", id, "--out", html)).ExitCode);
        using var paused = JsonDocument.Parse((await test.RunAsync("rollout", "status", id, "--json")).Stdout);
        var pilot = paused.RootElement.GetProperty("counts");
        var dom = await HeadlessChromium.DumpDomAsync(html);
        AssertRingRow(dom, "pilot", pilot, "Fail");
        Assert.Contains($"<b id=\"rollout-status\">{paused.RootElement.GetProperty("status").GetString()}</b>", dom, StringComparison.Ordinal);
        Assert.Contains("<b id=\"rollout-phase\">paused</b>", dom, StringComparison.Ordinal);
        // In flight: the sources section says where preflight's reading will be, and no key-version cell is empty.
        Assert.Contains("id=\"precedence-pending\"", dom, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(dom, "<td class=\"key-version\">— \\(not read\\)</td>").Count);
        Assert.DoesNotMatch("<td class=\"key-version\">\\s*(\\(\\s*\\))?\\s*</td>", dom);
        Assert.Contains("not reached", Regex.Match(dom, "<tr class=\"ring\" data-ring=\"early\">.*?</tr>", RegexOptions.Singleline).Value, StringComparison.Ordinal);
        var pilotFailing = pilot.GetProperty("errors").GetInt32() + pilot.GetProperty("conflicts").GetInt32();
        Assert.True(pilotFailing > 0, "the pilot was seeded with devices that error");
        Assert.Equal(Math.Min(pilotFailing, RolloutWorkflow.SampleLimit), Regex.Matches(dom, "<tr class=\"failing-device\"><td>pilot</td>").Count);

        // Resumed, then waiting for approval after ring 2: the pilot is past, its counts are its last read's.
        var resume = await test.RunAsync(test.WithSettings("rollout", "resume", id));
        Assert.True(resume.ExitCode == 3, resume.Stdout + resume.Stderr);
        Assert.Equal(0, (await test.RunAsync("report", id, "--out", html)).ExitCode);
        using var waiting = JsonDocument.Parse((await test.RunAsync("rollout", "status", id, "--json")).Stdout);
        dom = await HeadlessChromium.DumpDomAsync(html);
        AssertRingRow(dom, "pilot", pilot, "Done");
        AssertRingRow(dom, "early", waiting.RootElement.GetProperty("counts"), waiting.RootElement.GetProperty("verdict").GetString()!);
        Assert.Contains("not reached", Regex.Match(dom, "<tr class=\"ring\" data-ring=\"broad\">.*?</tr>", RegexOptions.Singleline).Value, StringComparison.Ordinal);
        test.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task Report_exits_4_with_a_clear_message_for_an_unknown_rollout_or_a_journal_without_one()
    {
        var directory = Directory.CreateTempSubdirectory("cloudtrust-report-").FullName;
        try
        {
            var db = Path.Combine(directory, "journal.db");
            await using (new CloudTrust.Engine.WorkflowEngine(new CloudTrust.Engine.WorkflowRegistry(), new CloudTrust.Engine.WorkflowEngineOptions { DatabasePath = db, RunInstances = false }))
            {
            }

            var html = Path.Combine(directory, "report.html");
            var none = await CliProcess.RunAsync(["report", "--out", html, "--db", db]);
            var unknown = await CliProcess.RunAsync(["report", "rollout-nope", "--out", html, "--db", db]);

            Assert.Equal(ExitCodes.NotFound, none.ExitCode);
            Assert.Contains("the journal holds no rollout yet", none.Stderr, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
            Assert.Contains("no rollout has id 'rollout-nope'", unknown.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(html), "no report is written when there is nothing to report");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string AssertRingRow(string dom, string name, JsonElement counts, string verdict)
    {
        var row = Regex.Match(dom, $"<tr class=\"ring\" data-ring=\"{name}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.False(row.Length == 0, $"no row for ring '{name}'");
        foreach (var (property, css) in new[] { ("targeted", "targeted"), ("succeeded", "succeeded"), ("errors", "errors"), ("conflicts", "conflicts"), ("pending", "pending"), ("notApplicable", "not-applicable") })
        {
            Assert.Contains($"<td class=\"{css}\">{counts.GetProperty(property).GetInt32()}</td>", row, StringComparison.Ordinal);
        }

        Assert.Contains($"<td class=\"verdict verdict-{verdict}\">{verdict}", row, StringComparison.Ordinal);
        return row;
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
                [new KerberosRow(new DomainKerberosStatus("contoso.com", "healthy", true, 7, 7, DateTimeOffset.UnixEpoch, 1, []), null, null)],
                [Core.Migration.RingAnalyzer.Analyze(
                    new Core.Rollout.Plan.RolloutRing(hostile, [], 0.9, 0.1, TimeSpan.Zero, TimeSpan.FromDays(1), false),
                    Core.Rollout.Plan.ProfileMode.SettingsCatalog,
                    hostile,
                    new Core.Rollout.Activities.HelloSourcesResult([new Core.Precedence.HelloSource(Core.Precedence.HelloSourceKind.DevicePolicy, Core.Precedence.HelloScope.Device, "x", hostile, true, null, true)], [], Core.Precedence.TrustModelEvidence.None))],
                NextAction: hostile,
                Tickets: [new RingTickets(hostile, new Core.Rollout.Activities.TicketProbeSummary(3, 1, 1, 0, [], [new Core.Rollout.Tickets.TicketCauseCount(Core.Rollout.Tickets.TicketFailureCause.Unknown, 2, hostile)], [new Core.Rollout.Tickets.TicketDeviceFailure(hostile + "$(Remove-Item C:\\ -Recurse)", Core.Rollout.Tickets.TicketFailureCause.Unknown, hostile)], 1))],
                RingProgress: [new RingSeries(hostile, [new SharePoint(DateTimeOffset.UnixEpoch, 0.2), new SharePoint(DateTimeOffset.UnixEpoch.AddHours(2), 1)], [new SharePoint(DateTimeOffset.UnixEpoch.AddHours(1), 0.5)])]);
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
            Assert.Contains("id=\"next-action\"", dom, StringComparison.Ordinal);
            Assert.Contains("class=\"ticket-cause\"", dom, StringComparison.Ordinal);
            Assert.Contains("$(Remove-Item C:\\ -Recurse)", dom, StringComparison.Ordinal);
            Assert.Contains("data-series=\"tickets\"", dom, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex("(src|href)\\s*=\\s*\"?https?://", RegexOptions.IgnoreCase)]
    private static partial Regex External();
}
