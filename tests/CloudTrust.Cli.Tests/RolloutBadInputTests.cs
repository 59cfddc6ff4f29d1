namespace CloudTrust.Cli.Tests;

/// <summary>Bad input to <c>cloudtrust rollout</c>: a clear message naming what and where, exit 2 (4 for an unknown id), and no journal written.</summary>
public sealed class RolloutBadInputTests : IAsyncLifetime
{
    private TestTenant env = null!;

    public async Task InitializeAsync() => env = await TestTenant.StartAsync(devices: 30);

    public async Task DisposeAsync() => await env.DisposeAsync();

    [Fact]
    public async Task A_missing_plan_file_is_named_and_nothing_is_written()
    {
        var result = await env.RunAsync(env.WithSettings("rollout", "start", Path.Combine(env.Directory, "absent.json")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("plan: no file at", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("absent.json", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(env.Db));
    }

    [Fact]
    public async Task Malformed_and_invalid_plans_are_reported_with_line_and_path_and_nothing_is_written()
    {
        var malformed = Path.Combine(env.Directory, "malformed.json");
        await File.WriteAllTextAsync(malformed, "{\n  \"tenantId\": ,\n}");
        var invalid = env.WritePlan("invalid.json");
        var text = await File.ReadAllTextAsync(invalid);
        await File.WriteAllTextAsync(invalid, text.Replace(env.Tenant.Rings[1].GroupId.ToString(), "not-a-guid", StringComparison.Ordinal));

        var first = await env.RunAsync(env.WithSettings("rollout", "start", malformed));
        var second = await env.RunAsync(env.WithSettings("rollout", "start", invalid));

        Assert.Equal(2, first.ExitCode);
        Assert.Contains("malformed JSON at line 2", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("rings[1].groupIds[0]: not a GUID", second.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(env.Db));
        Assert.Empty(env.Tenant.Intune.Policies());
    }

    [Fact]
    public async Task Settings_problems_are_named_by_path_and_nothing_is_written()
    {
        var plan = env.WritePlan("plan.json");
        var settings = Path.Combine(env.Directory, "bad-tenant.json");
        var text = await File.ReadAllTextAsync(env.Tenant.SettingsPath);
        await File.WriteAllTextAsync(settings, text.Replace("\"clientSecret\"", "\"password\"", StringComparison.Ordinal));
        File.Copy(env.Tenant.CertificatePath, Path.Combine(env.Directory, "simulator.pem"));

        var badKind = await env.RunAsync("rollout", "start", plan, "--settings", settings);
        var neither = await env.RunAsync("rollout", "start", plan);
        var noSecret = await CliProcess.RunAsync(["rollout", "start", plan, "--settings", env.Tenant.SettingsPath, "--db", env.Db], new Dictionary<string, string> { ["CLOUDTRUST_CLIENT_SECRET"] = string.Empty });

        Assert.Equal(2, badKind.ExitCode);
        Assert.Contains("credential.kind: must be one of clientSecret, clientCertificate, deviceCode, interactiveBrowser, managedIdentity", badKind.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--settings: required", neither.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noSecret.ExitCode);
        Assert.Contains("CLOUDTRUST_CLIENT_SECRET:", noSecret.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(env.Db));
    }

    [Fact]
    public async Task An_unknown_rollout_id_is_not_found_for_status_and_answers()
    {
        var plan = env.WritePlan("plan.json", firstRingMaxErrorShare: -1);
        var invalid = await env.RunAsync(env.WithSettings("rollout", "start", plan));
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("rings[0].maxErrorShare", invalid.Stderr, StringComparison.Ordinal);

        var noJournal = await env.RunAsync("rollout", "status", "rollout-nope");
        Assert.Equal(4, noJournal.ExitCode);
        await using (var engine = new CloudTrust.Engine.WorkflowEngine(new CloudTrust.Engine.WorkflowRegistry(), new CloudTrust.Engine.WorkflowEngineOptions { DatabasePath = env.Db }))
        {
            // An empty journal: the id is what is missing.
        }

        var status = await env.RunAsync("rollout", "status", "rollout-nope");
        var resume = await env.RunAsync(env.WithSettings("rollout", "resume", "rollout-nope"));
        var all = await env.RunAsync("rollout", "status");

        Assert.Equal(4, status.ExitCode);
        Assert.Contains("no rollout has id 'rollout-nope'", status.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, resume.ExitCode);
        Assert.Contains("no rollout has id 'rollout-nope'", resume.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("no rollouts", all.Stdout, StringComparison.Ordinal);
        Assert.Empty(env.Tenant.Intune.Policies());
    }
}
