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

    [Fact]
    public async Task An_attended_rotate_exits_3_with_hints_that_run_as_printed_and_its_resume_finishes_after_the_administrator_completes()
    {
        env.Directory.RequireMfa("hia@contoso.onmicrosoft.com");
        var policy = await Policy("""{ "schedule": "0 0 3 * * 0", "pollIntervalMinutes": 0.02, "domains": ["contoso.com"] }""");

        var parked = await Cli(["rotate", "--policy", policy, "--settings", Settings, "--db", Db]);

        Assert.True(parked.ExitCode == 3, parked.Stdout + parked.Stderr);
        var runId = System.Text.RegularExpressions.Regex.Match(parked.Stdout, @"rotation run (\S+) \(now\)").Groups[1].Value;
        Assert.Contains($"contoso.com: waiting for an administrator to sign in on {Environment.MachineName}: CloudTrust.Agent kerberos complete ", parked.Stdout, StringComparison.Ordinal);
        var complete = Line(parked.Stdout, "on the agent's host, in an administrator's session: ");
        var requestId = complete.Split(' ')[3];
        Assert.Equal($"CloudTrust.Agent kerberos complete {requestId} --upn <admin upn>", complete);
        var next = Line(parked.Stdout, "then: ").Split("  |  status: ");
        Assert.EndsWith($"rotate resume {runId} --settings {Settings} --db {Db}", next[0], StringComparison.Ordinal);
        Assert.EndsWith($"runs show {runId} --db {Db}", next[1], StringComparison.Ordinal);
        Assert.Equal(0, env.Directory.RotationsOf("contoso.com"));

        // The printed status runs as printed; resume before anyone completed exits 3 again with the same hint.
        var shown = await RunPrinted(next[1]);
        var early = await RunPrinted(next[0]);
        var json = await RunPrinted(next[0] + " --json");
        Assert.True(shown.ExitCode == 0, shown.Stdout + shown.Stderr);
        Assert.Contains(runId, shown.Stdout, StringComparison.Ordinal);
        Assert.True(early.ExitCode == 3, early.Stdout + early.Stderr);
        Assert.Contains($"CloudTrust.Agent kerberos complete {requestId} --upn <admin upn>", early.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, json.ExitCode);
        using (var view = JsonDocument.Parse(json.Stdout))
        {
            Assert.Equal(runId, view.RootElement.GetProperty("id").GetString());
        }

        Assert.Contains($"CloudTrust.Agent kerberos complete {requestId}", json.Stderr, StringComparison.Ordinal);

        // The administrator completes it on the agent's host (MFA sign-in), then the printed resume finishes the run.
        var admin = CloudTrustAgent.CreateDispatcher(new AgentSecretNames(), env.SecretCache("agent-app", env.AgentClientSecret), new SimulatedActiveDirectory(env.DirectoryPath, TimeProvider.System), env.StateDirectory, TimeProvider.System, env.Loggers);
        using var adminOut = new StringWriter();
        using var adminErr = new StringWriter();
        var completed = await Attended.AttendedCommand.RunAsync(["kerberos", "complete", requestId, "--upn", "admin@contoso.onmicrosoft.com"], () => admin, adminOut, adminErr, Timeouts.Token);
        Assert.True(completed == 0, adminErr.ToString());
        var resumed = await RunPrinted(next[0]);

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Matches(@"contoso\.com\s+rotated\s+KeyVersion 12 → \d+, cloud agrees", resumed.Stdout);
        Assert.Equal(1, new SimulatedActiveDirectory(env.DirectoryPath, TimeProvider.System).RotationsOf("contoso.com"));
        foreach (var secret in env.SecretForms().Append(env.CloudClientSecret))
        {
            Assert.DoesNotContain(secret, parked.Stdout + parked.Stderr + json.Stdout + json.Stderr + early.Stdout + early.Stderr + resumed.Stdout + resumed.Stderr + adminOut + adminErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Kerberos_status_and_rotate_plan_read_an_mfa_tenants_attended_domain_from_the_directory_and_a_password_domain_fully()
    {
        env.Directory.RequireMfa("hia@contoso.onmicrosoft.com");
        var attended = await Policy("""{ "schedule": "0 0 3 * * 0", "maxKeyAgeDays": 90, "domains": ["contoso.com", "emea.contoso.com"] }""");

        var text = await Cli(["kerberos", "status", "--domain", "contoso.com", "--settings", Settings]);
        var json = await Cli(["kerberos", "status", "--domain", "contoso.com", "--domain", "emea.contoso.com", "--settings", Settings, "--json"]);
        var plan = await Cli(["rotate", "plan", "--policy", attended, "--settings", Settings]);

        Assert.True(text.ExitCode == 0, text.Stdout + text.Stderr);
        Assert.Matches(@"contoso\.com\s+on-premises ok\s+KeyVersion 12, key age 200 days", text.Stdout);
        Assert.Contains("UserAccount      CN=krbtgt_AzureAD,CN=Users,DC=contoso,DC=com (holds the key; disabled, as its userAccountControl says)", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("read from the directory; cloud half not read (needs an administrator's sign-in)", text.Stdout, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.Stdout + json.Stderr);
        using (var rows = JsonDocument.Parse(json.Stdout))
        {
            Assert.All(rows.RootElement.EnumerateArray(), row =>
            {
                Assert.Equal("on-premises ok", row.GetProperty("state").GetString());
                Assert.Equal(JsonValueKind.Null, row.GetProperty("cloudKeyVersion").ValueKind);
                Assert.Equal("not read (needs an administrator's sign-in)", row.GetProperty("cloudHalf").GetString());
                Assert.True(row.GetProperty("userAccountDisabled").GetBoolean());
                Assert.Equal("attended", row.GetProperty("cloudSignIn").GetString());
            });
        }

        Assert.True(plan.ExitCode == 0, plan.Stdout + plan.Stderr);
        Assert.Matches(@"contoso\.com\s+rotate\s+KeyVersion 12, 200 days old \(cloud half not read \(needs an administrator's sign-in\)\); rotate now was asked and the on-premises half is sound", plan.Stdout);
        Assert.Contains("attended: an administrator signs in on the agent's host to run it", plan.Stdout, StringComparison.Ordinal);
        Assert.Empty(env.Directory.SignIns);

        // An enabled krbtgt_AzureAD is shown as read, and fails the status.
        env.Directory.SetUserAccountControl("contoso.com", 0x200);
        var enabled = await Cli(["kerberos", "status", "--domain", "contoso.com", "--settings", Settings]);
        Assert.Equal(1, enabled.ExitCode);
        Assert.Contains("ENABLED by its userAccountControl: it should be disabled", enabled.Stdout, StringComparison.Ordinal);

        foreach (var secret in env.SecretForms().Append(env.CloudClientSecret))
        {
            Assert.DoesNotContain(secret, text.Stdout + text.Stderr + json.Stdout + json.Stderr + plan.Stdout + plan.Stderr + enabled.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Kerberos_status_of_a_password_domain_reads_both_halves_and_the_disabled_state_from_the_directory()
    {
        var password = await Policy("""{ "schedule": "0 0 3 * * 0", "cloudSignIn": "password" }""");

        var status = await Cli(["kerberos", "status", "--domain", "contoso.com", "--policy", password, "--settings", Settings]);

        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
        Assert.Matches(@"contoso\.com\s+healthy\s+KeyVersion 12", status.Stdout);
        Assert.Contains("in the cloud (updated", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("(holds the key; disabled, as its userAccountControl says)", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("(password sign-in)", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("not read", status.Stdout, StringComparison.Ordinal);
        Assert.Single(env.Directory.SignIns);
    }

    private static string Line(string output, string prefix)
        => output.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];

    /// <summary>Runs a command line the CLI printed (<c>dotnet path/cloudtrust.dll …</c>), word by word, from the same directory.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunPrinted(string line)
    {
        var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dotnet", words[0]);
        Assert.EndsWith("cloudtrust.dll", words[1], StringComparison.Ordinal);
        return await Cli(words[2..]);
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
