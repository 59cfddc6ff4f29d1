using System.Text.Json;

namespace CloudTrust.Cli.Tests;

/// <summary><c>cloudtrust simulator</c> as a child process, used by other processes through <c>--simulated</c>.</summary>
public sealed class SimulatorCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("cloudtrust-simulator-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }

    [Fact]
    public async Task The_simulator_writes_its_settings_and_an_owner_only_secret_it_never_prints_and_kerberos_status_reads_it_with_simulated()
    {
        using var simulator = CliRun.Start(["simulator", "--devices", "60", "--port", "0", "--seed", "5"], workingDirectory: dir);
        using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!simulator.Stdout.Contains("Ctrl+C here stops the simulator", StringComparison.Ordinal))
            {
                Assert.False(simulator.HasExited, simulator.Stdout + simulator.Stderr);
                await Task.Delay(50, safety.Token);
            }
        }

        var secretFile = Path.Combine(dir, "cloudtrust-simulator", "client-secret");
        var secret = await File.ReadAllTextAsync(secretFile);
        Assert.True(secret.Length >= 32);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
        }
        Assert.Contains($"export CLOUDTRUST_CLIENT_SECRET=$(cat {secretFile})", simulator.Stdout, StringComparison.Ordinal);
        Assert.Contains("fleet       60 devices", simulator.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "cloudtrust-simulator", "plan.json")));
        Assert.Contains($"then, in another shell here: dotnet {CliProcess.BinaryPath} rollout start cloudtrust-simulator/plan.json --simulated", simulator.Stdout, StringComparison.Ordinal);

        // The printed dry run of the sample rotation policy runs as printed from the simulator's directory, and writes nothing.
        var rotationPlan = await PrintedCommand.RunAsync(PrintedCommand.Find(simulator.Stdout, "rotate plan"), new Dictionary<string, string> { ["CLOUDTRUST_CLIENT_SECRET"] = secret }, dir);
        Assert.True(rotationPlan.ExitCode == 0, rotationPlan.Stdout + rotationPlan.Stderr);
        Assert.Matches(@"contoso\.com +(rotate|skip) ", rotationPlan.Stdout);
        Assert.Matches(@"emea\.contoso\.com +(rotate|skip) ", rotationPlan.Stdout);
        Assert.False(File.Exists(Path.Combine(dir, "cloudtrust.db")), "the dry run wrote a journal");

        using var kerberos = CliRun.Start(["kerberos", "status", "--simulated", "--json"], new Dictionary<string, string> { ["CLOUDTRUST_CLIENT_SECRET"] = secret }, dir);
        var result = await kerberos.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var domains = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["contoso.com", "emea.contoso.com"], domains.Select(d => d.GetProperty("domain").GetString()));
        Assert.All(domains, d =>
        {
            Assert.Equal("healthy", d.GetProperty("state").GetString());
            Assert.Equal(d.GetProperty("keyVersion").GetInt64(), d.GetProperty("cloudKeyVersion").GetInt64());
            Assert.True(d.GetProperty("keyAgeDays").GetDouble() >= 0);
        });
        simulator.Kill();
        foreach (var text in new[] { simulator.Stdout, simulator.Stderr, result.Stdout, result.Stderr, await File.ReadAllTextAsync(Path.Combine(dir, "cloudtrust-simulator", "tenant.json")) })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task The_simulator_stops_within_two_seconds_of_SIGTERM_or_Ctrl_C(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var simulator = CliRun.Start(["simulator", "--devices", "30", "--port", "0"], workingDirectory: dir);
        // Up to a minute to start: the full run starts many tenants at once on two cores; the stop is what is timed.
        using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!simulator.Stdout.Contains("Ctrl+C here stops the simulator", StringComparison.Ordinal))
            {
                Assert.False(simulator.HasExited, simulator.Stdout + simulator.Stderr);
                await Task.Delay(50, safety.Token);
            }
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        simulator.Signal(signal);
        var result = await simulator.WaitAsync(TimeSpan.FromSeconds(10));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {watch.Elapsed}");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("simulator stopped", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulated_without_a_running_simulator_names_the_missing_file()
    {
        using var run = CliRun.Start(["kerberos", "status", "--simulated"], workingDirectory: dir);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--simulated: no simulator settings at", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cloudtrust simulator", result.Stderr, StringComparison.Ordinal);
    }
}
