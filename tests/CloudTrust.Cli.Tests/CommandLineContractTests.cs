using System.Globalization;
using System.Text.Json;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// What every command promises an admin (issue 19), on one real rollout against one simulated tenant: <c>--json</c> is
/// one JSON document on standard output and nothing else, every printed next command runs as printed, errors are one
/// line and exit 2 with nothing half-written, progress does not repeat or mislead, and no logger line shows. Each test
/// gets its own tenant and journal.
/// </summary>
[RunsLong(26)]
public sealed class CommandLineContractTests : IAsyncLifetime
{
    private TestTenant env = null!;

    public async Task InitializeAsync() => env = await TestTenant.StartAsync(devices: 300);

    public async Task DisposeAsync() => await env.DisposeAsync();

    [Fact]
    public async Task A_rollout_driven_with_json_and_the_printed_hints_gives_one_document_per_command_and_every_hint_runs()
    {
        var plan = env.WritePlan("plan.json", approvalAfterRing2: true);
        var simulatedBefore = env.Tenant.Clock.GetUtcNow();

        var start = await env.RunAsync(env.WithSettings("rollout", "start", plan, "--json"));

        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        var waiting = OneDocument(start);
        Assert.Equal("awaitingApproval", waiting.GetProperty("phase").GetString());
        var id = waiting.GetProperty("id").GetString()!;
        var createdAt = waiting.GetProperty("createdAt").GetDateTimeOffset();
        // The id reads the tenant's (simulated) clock, as the status's times do.
        var stamp = DateTimeOffset.ParseExact(id.Split('-')[1] + id.Split('-')[2], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        // Bracketed, with no bound on how long the process took to start: the id is stamped (to the second) before the
        // instance is created.
        Assert.True(stamp <= createdAt, $"id {id} against createdAt {createdAt:O}");
        // The simulated clock runs 28,800 times faster than the real one from the tenant's start, so a stamp from the real
        // clock would lie before the simulated time read just before the start.
        Assert.True(stamp >= simulatedBefore.AddSeconds(-1), $"id {id} is not on the simulated clock (it read {simulatedBefore:O} before the start)");
        Assert.Contains("ring 1/3 'pilot' gate pass on ", start.Stderr, StringComparison.Ordinal);
        AssertProgressReadsWell(start.Stderr);

        var approve = PrintedCommand.Find(start.Stderr, "rollout approve");
        var approved = await PrintedCommand.RunAsync(approve + " --json", env.Environment);

        Assert.True(approved.ExitCode == 0, approve + "\n" + approved.Stdout + approved.Stderr);
        var done = OneDocument(approved);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal("done", done.GetProperty("phase").GetString());

        var status = await env.RunAsync("rollout", "status", id);
        Assert.Equal(0, status.ExitCode);
        foreach (var ring in env.Tenant.Rings)
        {
            Assert.Matches($@"\n  {ring.Name} +pass ", status.Stdout);
        }

        var report = Path.Combine(env.Directory, "out", "report.html");
        foreach (var args in new[]
        {
            new[] { "rollout", "status", "--json" },
            ["rollout", "status", id, "--json"],
            ["runs", "list", "--json"],
            ["runs", "show", id, "--json"],
            ["report", id, "--out", report, "--json"],
            ["rotate", "history", "--json"],
            env.WithSettings("kerberos", "status", "--domain", "contoso.com", "--json"),
            env.WithSettings("plan", plan, "--json"),
        })
        {
            var result = await env.RunAsync(args);
            Assert.True(result.ExitCode is 0 or 3, string.Join(' ', args) + "\n" + result.Stdout + result.Stderr);
            OneDocument(result);
        }

        var finished = await env.RunAsync(env.WithSettings("rollout", "approve", id));
        Assert.Equal(2, finished.ExitCode);
        Assert.Contains("has finished (completed)", finished.Stderr, StringComparison.Ordinal);
        env.AssertNoSecretLeaked(approved);
    }

    [Fact]
    public async Task Rotation_has_a_dry_run_and_simulated_settings_and_a_finished_run_answers_approve_cleanly()
    {
        var policy = Path.Combine(env.Directory, "rotation.json");
        File.Copy(env.Tenant.RotationPolicyPath, policy);
        var keysBefore = await KeyVersionsAsync();

        var plan = await env.RunAsync(env.WithSettings("rotate", "plan", "--policy", policy));
        var planJson = await env.RunAsync(env.WithSettings("rotate", "plan", "--policy", policy, "--due", "--json"));

        Assert.True(plan.ExitCode == 0, plan.Stdout + plan.Stderr);
        Assert.Matches(@"contoso\.com +rotate +KeyVersion \d+", plan.Stdout);
        Assert.Matches(@"emea\.contoso\.com +rotate ", plan.Stdout);
        var rows = OneDocument(planJson).EnumerateArray().ToList();
        Assert.Equal(["contoso.com", "emea.contoso.com"], rows.Select(r => r.GetProperty("domain").GetString()));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("reason").GetString())));
        Assert.Equal(keysBefore, await KeyVersionsAsync());
        Assert.False(File.Exists(env.Db), "a dry run writes no journal");

        var run = PrintedCommand.Find(plan.Stdout, "rotate --policy");
        var rotated = await PrintedCommand.RunAsync(run + " --json", env.Environment);
        Assert.True(rotated.ExitCode == 0, run + "\n" + rotated.Stdout + rotated.Stderr);
        var report = OneDocument(rotated);
        Assert.All(report.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("Rotated", a.GetProperty("outcome").GetString()));

        var again = await env.RunAsync(env.WithSettings("rotate", "approve", report.GetProperty("runId").GetString()!));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("has finished (completed); nothing to approve", again.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(again);
    }

    [Fact]
    public async Task Unwritable_outputs_are_one_line_exit_2_and_leave_no_temporary_file()
    {
        var folder = Path.Combine(env.Directory, "outputs");
        Directory.CreateDirectory(folder);
        var notAFolder = Path.Combine(folder, "a-file");
        await File.WriteAllTextAsync(notAFolder, "x");
        await using (var engine = new Engine.WorkflowEngine(new Engine.WorkflowRegistry().AddWorkflow<Core.Rollout.Workflow.RolloutRequest, Core.Rollout.Workflow.RolloutReport>(Core.Rollout.Workflow.RolloutWorkflow.Name, new Core.Rollout.Workflow.RolloutWorkflow()), new Engine.WorkflowEngineOptions { DatabasePath = env.Db, RunInstances = false }))
        {
            await engine.StartAsync(Core.Rollout.Workflow.RolloutWorkflow.Name, new Core.Rollout.Workflow.RolloutRequest("{}"), "rollout-report-only");
        }

        var toFolder = await env.RunAsync("report", "rollout-report-only", "--out", folder);
        var underFile = await env.RunAsync("report", "rollout-report-only", "--out", Path.Combine(notAFolder, "report.html"));
        var simulator = await CliProcess.RunAsync(["simulator", "--dir", Path.Combine(notAFolder, "sim")]);
        var demo = await CliProcess.RunAsync(["demo", "--dir", Path.Combine(notAFolder, "demo")]);
        var demoDb = await CliProcess.RunAsync(["demo", "--db", Path.Combine(folder, "mine.db")]);

        Assert.Equal(2, toFolder.ExitCode);
        Assert.Contains("--out: '" + folder + "' is a folder", toFolder.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, underFile.ExitCode);
        Assert.Contains("--out: '" + notAFolder + "' is a file, not a folder", underFile.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, simulator.ExitCode);
        Assert.Contains("--dir: cannot write to", simulator.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("--dir: cannot write to", demo.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, demoDb.ExitCode);
        Assert.Contains("--db: the demo keeps its own journal", demoDb.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "mine.db")));
        foreach (var result in new[] { toFolder, underFile, simulator, demo, demoDb })
        {
            AssertNoStackTrace(result);
        }

        Assert.Empty(Directory.EnumerateFiles(env.Directory, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal([notAFolder], Directory.EnumerateFileSystemEntries(folder));

        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            var readOnly = Directory.CreateDirectory(Path.Combine(folder, "read-only")).FullName;
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var refused = await env.RunAsync("report", "rollout-report-only", "--out", Path.Combine(readOnly, "report.html"));
            Assert.Equal(2, refused.ExitCode);
            Assert.Empty(Directory.EnumerateFileSystemEntries(readOnly));
        }
    }

    internal static JsonElement OneDocument(CliResult result)
    {
        // Parse throws on anything before or after the one document (progress, notes, a second document).
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    internal static void AssertNoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A log's progress: no line twice in a row, no countdown to zero, no logger lines, soaks as durations.</summary>
    internal static void AssertProgressReadsWell(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < lines.Length; i++)
        {
            Assert.False(lines[i] == lines[i - 1], $"repeated line: {lines[i]}");
        }

        Assert.DoesNotContain("next check in 0m", log, StringComparison.Ordinal);
        Assert.DoesNotContain("warn: ", log, StringComparison.Ordinal);
        Assert.DoesNotContain("info: ", log, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"soaking until \d\d:\d\d:\d\d", log);
    }

    private async Task<List<long?>> KeyVersionsAsync()
    {
        var read = await CliProcess.RunAsync(env.WithSettings("kerberos", "status", "--json", "--domain", "contoso.com", "--domain", "emea.contoso.com"), env.Environment);
        return [.. OneDocument(read).EnumerateArray().Select(d => (long?)d.GetProperty("keyVersion").GetInt64())];
    }
}
