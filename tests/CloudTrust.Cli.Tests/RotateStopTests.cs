using System.Diagnostics;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Engine;
using CloudTrust.Integrations.History;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// A live <c>cloudtrust rotate --simulated</c> stopped mid-way, as an admin would stop it: Ctrl+C (SIGINT) or SIGTERM
/// stops it within 2 seconds, exit 3, with the hint whose printed commands run as printed, and the printed resume
/// finishes the run; a SIGKILL leaves a journal that <c>rotate resume</c> finishes. Either way each domain's key is
/// rotated exactly once (the simulated directory counts rotations; a key version moves by one rotation's step) and
/// the history holds one attempt per domain. The run is caught while <c>emea.contoso.com</c>'s cloud half lags
/// behind its rotation (the simulator's 40 simulated minutes of replication, 10 real seconds on this tenant's clock);
/// the test then lets the cloud catch up at once instead of waiting the rest out.
/// </summary>
[RunsLong(25)]
public sealed class RotateStopTests(RotateStopTests.SlowClockTenant fixture) : IClassFixture<RotateStopTests.SlowClockTenant>
{
    private const string LaggingDomain = "emea.contoso.com";

    private TestTenant Env => fixture.Env;

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_rotation_stops_within_two_seconds_of_a_signal_and_its_printed_resume_rotates_each_key_once(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var db = $"rotation-{signal}.db";
        var before = await HealthyKeysAsync();
        using var run = StartRotation(db);
        var id = await WaitUntilTheCloudLagsAsync(run, db);

        var stopped = await run.SignalAndAssertStoppedAsync(signal, $"rotation run {id}");
        await AssertKeptMidWayAsync(db, id, before);

        var shown = await PrintedCommand.RunAsync(PrintedCommand.Find(stopped.Stderr, "runs show"), Env.Environment, Env.Directory);
        Assert.True(shown.ExitCode == 0, shown.Stdout + shown.Stderr);
        Assert.Contains($"run       {id}", shown.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"status    (running|pending|waiting)\n", shown.Stdout);
        Assert.Contains("waiting for the cloud", shown.Stdout, StringComparison.Ordinal);

        Env.Tenant.ActiveDirectory.SyncCloud(LaggingDomain);
        var resume = await PrintedCommand.RunAsync(PrintedCommand.Find(stopped.Stderr, "rotate resume"), Env.Environment, Env.Directory);

        Assert.True(resume.ExitCode == 0, resume.Stdout + resume.Stderr);
        Assert.Contains($"continuing rotation run {id} from its journal", resume.Stdout, StringComparison.Ordinal);
        await AssertRotatedOnceAsync(db, id, before, resume);
        Env.AssertNoSecretLeaked(stopped, shown, resume);
    }

    [Fact]
    public async Task A_rotation_killed_mid_way_is_finished_by_rotate_resume_without_rotating_a_key_twice()
    {
        var db = "rotation-killed.db";
        var before = await HealthyKeysAsync();
        using var run = StartRotation(db);
        var id = await WaitUntilTheCloudLagsAsync(run, db);

        run.Kill();
        await AssertKeptMidWayAsync(db, id, before);

        Env.Tenant.ActiveDirectory.SyncCloud(LaggingDomain);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Env.Directory };
        foreach (var arg in new[] { CliProcess.BinaryPath, "rotate", "resume", id, "--simulated", "--db", db })
        {
            start.ArgumentList.Add(arg);
        }

        var resume = await CliProcess.RunAsync(start, Env.Environment, TimeSpan.FromSeconds(60));

        Assert.True(resume.ExitCode == 0, resume.Stdout + resume.Stderr);
        await AssertRotatedOnceAsync(db, id, before, resume);

        var again = await CliProcess.RunAsync(start, Env.Environment, TimeSpan.FromSeconds(60));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"rotation run {id} has finished (completed); nothing to resume", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(before.Select(k => k.Value.Rotations + 1), (await KeysAsync()).Select(k => k.Value.Rotations));
        Env.AssertNoSecretLeaked(resume, again);
    }

    /// <summary>Starts <c>rotate --simulated</c> from the tenant's directory, as an admin beside a running simulator would.</summary>
    private CliRun StartRotation(string db)
        => CliRun.Start(["rotate", "--policy", "rotation.json", "--simulated", "--db", db], Env.Environment, Env.Directory);

    /// <summary>Waits (reading the journal as another process would) until the lagging domain's key is rotated and its cloud half not yet caught up.</summary>
    private async Task<string> WaitUntilTheCloudLagsAsync(CliRun run, string db)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(run.HasExited, "the rotation ended before it could be stopped mid-way: " + run.Stdout + run.Stderr);
            if (await ReadRunAsync(db) is { } instance && Phases(instance) is { } phases
                && phases.GetValueOrDefault(LaggingDomain)?.StartsWith("waiting for the cloud", StringComparison.Ordinal) == true)
            {
                return instance.InstanceId;
            }

            await Task.Delay(20, safety.Token);
        }
    }

    /// <summary>The journal holds the run unfinished, each key rotated once so far, the lagging domain still waiting.</summary>
    private async Task AssertKeptMidWayAsync(string db, string id, IReadOnlyDictionary<string, KeyState> before)
    {
        var kept = await ReadRunAsync(db);
        Assert.NotNull(kept);
        Assert.Equal(id, kept.InstanceId);
        Assert.False(kept.Status.IsFinal(), $"the stopped run is {kept.Status}");
        Assert.StartsWith("waiting for the cloud", Phases(kept)![LaggingDomain], StringComparison.Ordinal);
        var now = await KeysAsync();
        foreach (var (domain, key) in before)
        {
            Assert.Equal(key.Rotations + 1, now[domain].Rotations);
        }
    }

    /// <summary>The run completed, each domain's key moved by exactly one rotation and is reported so, with one attempt per domain in the history.</summary>
    private async Task AssertRotatedOnceAsync(string db, string id, IReadOnlyDictionary<string, KeyState> before, CliResult resume)
    {
        var finished = await ReadRunAsync(db);
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        var after = await KeysAsync();
        using var history = new SqliteRotationHistory(Path.Combine(Env.Directory, db));
        foreach (var (domain, key) in before)
        {
            // The simulated directory moves a key version by 2 + (rotations so far mod 3) per rotation, as replication metadata does.
            var expected = key.Version + 2 + (key.Rotations % 3);
            Assert.Equal(key.Rotations + 1, after[domain].Rotations);
            Assert.Equal(expected, after[domain].Version);
            Assert.Matches($@"{domain.Replace(".", @"\.", StringComparison.Ordinal)} +rotated +KeyVersion {key.Version} → {expected}, cloud agrees", resume.Stdout);
            var attempt = Assert.Single(history.Query(domain), a => a.RunId == id);
            Assert.Equal(RotationOutcome.Rotated, attempt.Outcome);
            Assert.Equal((key.Version, expected), (attempt.OldKeyVersion, attempt.NewKeyVersion));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private async Task<WorkflowInstance?> ReadRunAsync(string db)
    {
        var path = Path.Combine(Env.Directory, db);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = path, RunInstances = false });
        return engine.ListInstances(new WorkflowQuery(KeyRotationWorkflow.Name, null)).SingleOrDefault();
    }

    private static Dictionary<string, string>? Phases(WorkflowInstance instance)
        => instance.ReadCustomStatusAs<RotationStatus>()?.Phases.ToDictionary();

    /// <summary>Each domain's key before a test: the lagging domain's cloud half caught up first, as the last test may have left it behind.</summary>
    private async Task<IReadOnlyDictionary<string, KeyState>> HealthyKeysAsync()
    {
        Env.Tenant.ActiveDirectory.SyncCloud(LaggingDomain);
        return await KeysAsync();
    }

    /// <summary>Each domain's key version and rotation count, read from the simulated directory.</summary>
    private async Task<IReadOnlyDictionary<string, KeyState>> KeysAsync()
    {
        var keys = new SortedDictionary<string, KeyState>(StringComparer.Ordinal);
        foreach (var domain in SimulatedTenant.Domains)
        {
            var read = await Env.Tenant.ActiveDirectory.ExecuteAsync(KerberosOperationRequest.GetKerberosServer(domain), null, CancellationToken.None);
            keys[domain] = new KeyState(read.Server!.KeyVersion!.Value, Env.Tenant.ActiveDirectory.RotationsOf(domain));
        }

        return keys;
    }

    private sealed record KeyState(long Version, int Rotations);

    /// <summary>
    /// One tenant for these tests (each runs its own journal, one after the other): its clock runs 240 times real time,
    /// so the lagging domain's 40 simulated minutes of replication last 10 real seconds and a 5-minute poll 1.25 s.
    /// It writes to <c>cloudtrust-simulator</c>, so <c>--simulated</c> finds it from <see cref="TestTenant.Directory"/>.
    /// </summary>
    public sealed class SlowClockTenant : IAsyncLifetime
    {
        internal TestTenant Env { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Env = await TestTenant.StartAsync(devices: 20, timeFactor: 240, simulatorFolder: SimulatedTenantOptions.DefaultDirectory);
            File.Copy(Env.Tenant.RotationPolicyPath, Path.Combine(Env.Directory, "rotation.json"));
        }

        public async Task DisposeAsync() => await Env.DisposeAsync();
    }
}
