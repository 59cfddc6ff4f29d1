using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CloudTrust.Agent.Backends.Simulated;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// <c>cloudtrust rotate</c> as a real process against the simulated tenant (Key Vault, relay) and the agent with its
/// simulated AD: exit codes, output, the history, and no secret on the terminal.
/// </summary>
public sealed class RotateCommandTests : IAsyncLifetime
{
    private RelayTestEnvironment env = null!;

    private string Db => Path.Combine(env.StateDirectory, "cli.db");

    private string Settings => Path.Combine(env.StateDirectory, "settings.json");

    public async Task InitializeAsync()
    {
        env = await RelayTestEnvironment.StartAsync();
        Seed("contoso.com", 200);
        Seed("emea.contoso.com", 5);
        var certificate = Path.Combine(env.StateDirectory, "simulator.cer");
        await File.WriteAllBytesAsync(certificate, env.Server.Certificate.Export(X509ContentType.Cert));
        await File.WriteAllTextAsync(Settings, JsonSerializer.Serialize(new
        {
            tenantId = env.Server.Entra.TenantId,
            clientId = "cloud-app",
            keyVaultUri = env.Server.BaseAddress,
            relay = new { address = env.Server.BaseAddress, hybridConnection = RelayTestEnvironment.HybridConnection, sendRule = RelayTestEnvironment.SendRule },
            authorityHost = env.Server.BaseAddress,
            trustedCertificate = "simulator.cer",
        }));
    }

    public async Task DisposeAsync() => await env.DisposeAsync();

    [Fact]
    public async Task Rotate_due_rotates_only_the_old_key_and_the_history_shows_both_attempts()
    {
        var policy = await Policy("""{ "schedule": "0 0 3 * * 0", "maxKeyAgeDays": 90, "cloudSignIn": "password", "domains": ["contoso.com", "emea.contoso.com"] }""");

        var rotate = await Cli(["rotate", "--due", "--policy", policy, "--settings", Settings, "--db", Db]);
        var history = await Cli(["rotate", "history", "--db", Db, "--json"]);

        Assert.True(rotate.ExitCode == 0, rotate.Stdout + rotate.Stderr);
        Assert.Matches(@"contoso\.com\s+rotated\s+KeyVersion 12 → \d+, cloud agrees", rotate.Stdout);
        Assert.Matches(@"emea\.contoso\.com\s+skipped\s+the key is 5 days old", rotate.Stdout);
        Assert.Equal(1, env.Directory.RotationsOf("contoso.com"));
        Assert.Equal(0, env.Directory.RotationsOf("emea.contoso.com"));
        using var attempts = JsonDocument.Parse(history.Stdout);
        Assert.Equal(["Rotated", "Skipped"], attempts.RootElement.EnumerateArray().OrderBy(a => a.GetProperty("domain").GetString()).Select(a => a.GetProperty("outcome").GetString()));
        foreach (var secret in env.SecretForms().Append(env.CloudClientSecret))
        {
            Assert.DoesNotContain(secret, rotate.Stdout + rotate.Stderr + history.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_run_that_needs_approval_waits_in_the_journal_and_finishes_after_rotate_approve()
    {
        var policy = await Policy("""{ "schedule": "0 0 3 * * 0", "requireApproval": true, "cloudSignIn": "password", "domains": ["contoso.com"] }""");

        var waiting = await Cli(["rotate", "--policy", policy, "--settings", Settings, "--db", Db]);
        var runId = System.Text.RegularExpressions.Regex.Match(waiting.Stdout, @"rotation run (\S+)").Groups[1].Value;
        Assert.Equal(0, env.Directory.RotationsOf("contoso.com"));
        var approved = await Cli(["rotate", "approve", runId, "--settings", Settings, "--db", Db]);

        Assert.True(waiting.ExitCode == 3, waiting.Stdout + waiting.Stderr);
        // The hint is printed in the invocation that ran (the dll here) and carries the options given.
        Assert.Contains($"rotate approve {runId} --settings {Settings} --db {Db}", waiting.Stdout, StringComparison.Ordinal);
        Assert.True(approved.ExitCode == 0, approved.Stdout + approved.Stderr);
        Assert.Equal(1, env.Directory.RotationsOf("contoso.com"));
    }

    [Fact]
    public async Task Bad_input_exits_2_with_the_problem_and_rotates_nothing()
    {
        var badPolicy = await Policy("""{ "schedule": "every sunday", "maxKeyAgeDays": -1 }""");
        var goodPolicy = await Policy("""{ "schedule": "0 0 3 * * 0", "cloudSignIn": "password", "domains": ["contoso.com"] }""");

        var policyErrors = await Cli(["rotate", "--policy", badPolicy, "--settings", Settings, "--db", Db]);
        var noSecret = await Cli(["rotate", "--policy", goodPolicy, "--settings", Settings, "--db", Db], withSecret: false);
        var badDomain = await Cli(["rotate", "--policy", goodPolicy, "--settings", Settings, "--db", Db, "--domain", "contoso.com; Remove-ADUser x"]);
        var missingSettings = await Cli(["rotate", "--policy", goodPolicy, "--settings", Path.Combine(env.StateDirectory, "nope.json"), "--db", Db]);

        Assert.Equal(2, policyErrors.ExitCode);
        Assert.Contains("schedule: 'every sunday' is not a six-field NCRONTAB expression", policyErrors.Stderr, StringComparison.Ordinal);
        Assert.Contains("maxKeyAgeDays: must be greater than 0", policyErrors.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noSecret.ExitCode);
        Assert.Contains("CLOUDTRUST_CLIENT_SECRET", noSecret.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badDomain.ExitCode);
        Assert.Contains("--domain[0]: 'contoso.com; Remove-ADUser x' is not a DNS name", badDomain.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missingSettings.ExitCode);
        Assert.Contains("nope.json", missingSettings.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, env.Directory.RotationsOf("contoso.com"));
    }

    private void Seed(string domain, int ageDays)
    {
        var forest = SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == domain);
        var updated = DateTimeOffset.UtcNow.AddDays(-ageDays);
        forest.CloudLags = false;
        forest.Server = new SimulatedKerberosServer
        {
            Id = 7,
            KeyVersion = 12,
            KeyUpdatedOn = updated,
            KeyUpdatedFrom = forest.DomainControllers[0].HostName,
            CloudId = 7,
            CloudDomainDnsName = domain,
            CloudKeyVersion = 12,
            CloudKeyUpdatedOn = updated,
        };
        env.Directory.AddDomain(forest);
    }

    private async Task<string> Policy(string json)
    {
        var path = Path.Combine(env.StateDirectory, $"policy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> Cli(string[] args, bool withSecret = true)
    {
        var here = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(here).Parent!.Name;
        var binary = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", "..", "src", "CloudTrust.Cli", "bin", configuration, "net10.0", "cloudtrust.dll"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(binary);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("CLOUDTRUST_CLIENT_SECRET");
        if (withSecret)
        {
            start.Environment["CLOUDTRUST_CLIENT_SECRET"] = env.CloudClientSecret;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(Timeouts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
