using System.Globalization;
using System.Text.Json.Nodes;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// A simulated tenant hosted in the test process (Entra, Graph with a seeded fleet, Key Vault, relay, the agent) and
/// a journal path; the CLI runs as child processes that reach it only through the tenant.json it wrote. The client
/// secret is a canary, so a leak into any output or file is findable.
/// </summary>
internal sealed class TestTenant : IAsyncDisposable
{
    private TestTenant(string directory, SimulatedTenant tenant, string canary)
    {
        Directory = directory;
        Tenant = tenant;
        Canary = canary;
    }

    public string Directory { get; }

    public SimulatedTenant Tenant { get; }

    public string Canary { get; }

    public string Db => Path.Combine(Directory, "journal.db");

    public List<CliResult> Results { get; } = [];

    public IDictionary<string, string> Environment => new Dictionary<string, string> { ["CLOUDTRUST_CLIENT_SECRET"] = Canary };

    /// <summary>Starts a tenant in a new temporary directory.</summary>
    /// <param name="devices">The fleet's size.</param>
    /// <param name="rings">The ring groups; the default fleet's when null.</param>
    /// <param name="timeFactor">Simulated seconds per real second (slower clocks keep a run live long enough to signal it).</param>
    /// <param name="simulatorFolder">The folder under <see cref="Directory"/> the simulator writes to; <c>cloudtrust-simulator</c> lets <c>--simulated</c> run from <see cref="Directory"/>.</param>
    public static async Task<TestTenant> StartAsync(int devices = 400, IReadOnlyList<SimulatedRing>? rings = null, double timeFactor = 28_800, string simulatorFolder = "simulator")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cloudtrust-cli-rollout-").FullName;
        var canary = "CANARY" + Guid.NewGuid().ToString("N");
        var tenant = await SimulatedTenant.StartAsync(new SimulatedTenantOptions
        {
            Directory = Path.Combine(directory, simulatorFolder),
            DeviceCount = devices,
            TimeFactor = timeFactor,
            Seed = 42,
            ClientSecret = canary,
            Rings = rings ?? SimulatedRing.DefaultFleet,
        });
        return new TestTenant(directory, tenant, canary);
    }

    /// <summary>Writes a plan over the tenant's rings: short soaks, a 30-minute poll, optional approval after ring 2.</summary>
    public string WritePlan(string name, bool approvalAfterRing2 = false, double firstRingMaxErrorShare = 0.05, TimeSpan? firstRingSoak = null)
    {
        var rings = new JsonArray();
        for (var i = 0; i < Tenant.Rings.Count; i++)
        {
            rings.Add(new JsonObject
            {
                ["name"] = Tenant.Rings[i].Name,
                ["groupIds"] = new JsonArray(Tenant.Rings[i].GroupId.ToString()),
                ["successThreshold"] = 0.9,
                ["maxErrorShare"] = i == 0 ? firstRingMaxErrorShare : 0.05,
                ["soak"] = i == 0 && firstRingSoak is { } soak ? soak.ToString("c", CultureInfo.InvariantCulture) : "02:00:00",
                ["verificationDeadline"] = "2.00:00:00",
                ["requireApproval"] = approvalAfterRing2 && i == 1,
            });
        }

        var plan = new JsonObject
        {
            ["tenantId"] = Tenant.Endpoints.TenantId.ToString(),
            ["domains"] = new JsonArray([.. SimulatedTenant.Domains.Select(d => (JsonNode)d)]),
            ["profileName"] = "CloudTrust WHfB cloud Kerberos trust",
            ["pollInterval"] = "00:30:00",
            ["rings"] = rings,
        };
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, plan.ToJsonString());
        return path;
    }

    /// <summary>
    /// Runs the CLI with the tenant's journal to its end. Two minutes at most: a command that follows a rollout to its end
    /// (an abort, a resume) took over a minute once with four test classes and two busy loops on the two cores; one that
    /// hangs is killed and fails the test with what it printed (<see cref="CliProcess"/>).
    /// </summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync([.. args, "--db", Db], Environment, TimeSpan.FromMinutes(2));
        Results.Add(result);
        return result;
    }

    public string[] WithSettings(params string[] args) => [.. args, "--settings", Tenant.SettingsPath];

    public CliRun Start(params string[] args) => CliRun.Start([.. args, "--db", Db], Environment);

    /// <summary>Reads a rollout's custom status straight from the journal (as another process would), without running anything.</summary>
    public async Task<RolloutStatus?> ReadStatusAsync(string id)
    {
        if (!File.Exists(Db))
        {
            return null;
        }

        await using var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = Db, RunInstances = false });
        return engine.GetInstance(id)?.ReadCustomStatusAs<RolloutStatus>();
    }

    public async Task<string?> OnlyRolloutIdAsync()
    {
        if (!File.Exists(Db))
        {
            return null;
        }

        await using var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = Db, RunInstances = false });
        return engine.ListInstances(new WorkflowQuery(RolloutWorkflow.Name, null)).SingleOrDefault()?.InstanceId;
    }

    /// <summary>Every place the client secret could leak to: the outputs of every run, the journal, the settings file.</summary>
    public void AssertNoSecretLeaked(params CliResult[] more)
    {
        foreach (var result in Results.Concat(more))
        {
            Assert.DoesNotContain(Canary, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Canary, result.Stderr, StringComparison.Ordinal);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(System.Text.Encoding.UTF8.GetString(bytes).Contains(Canary, StringComparison.Ordinal), $"the client secret is in {file}");
            files++;
        }

        var outputs = 2 * (Results.Count + more.Length);
        CloudTrust.Tests.Shared.ReliabilityLedger.Record("secret-hygiene", $"CLI runs: {Results.Count + more.Length} command(s), outputs, journal and tenant files", outputs + files, duplicates: 0);
    }

    public async ValueTask DisposeAsync()
    {
        await Tenant.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp directory is cleaned by the OS.
        }
    }

    /// <summary>Counts the Graph requests that change something (report queries, which POST, aside).</summary>
    public int GraphWrites()
        => Tenant.Server.Requests.Entries.Count(e => (e.Path.StartsWith("/beta/", StringComparison.Ordinal) || e.Path.StartsWith("/v1.0/", StringComparison.Ordinal))
            && e.Method is "POST" or "PUT" or "PATCH" or "DELETE" && !e.Path.Contains("/reports/", StringComparison.Ordinal));

    /// <summary>Writes a plan over the tenant's rings and lets the test change it (for example a ring's <c>migrateFrom</c>).</summary>
    /// <summary>
    /// Writes the default plan with ring 2 soaking three simulated days (about 9 s of wall time at 28,800 times real
    /// time), so a test can act while ring 2 verifies however loaded the machine is: with the default 2-hour soak ring 2
    /// of a 300-device fleet verified for about one second.
    /// </summary>
    public string WritePlanWithRing2Soaking(string name) => WritePlan(name, p =>
    {
        p["rings"]![1]!["soak"] = "3.00:00:00";
        p["rings"]![1]!["verificationDeadline"] = "4.00:00:00";
    });

    public string WritePlan(string name, Action<JsonObject> change)
    {
        var path = WritePlan(name);
        var plan = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(plan);
        File.WriteAllText(path, plan.ToJsonString());
        return path;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
