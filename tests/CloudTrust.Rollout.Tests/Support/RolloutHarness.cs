using System.Collections.Concurrent;
using CloudTrust.Integrations.Composition;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Preview;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Simulator.Graph;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Simulator.KerberosHealth;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Rollout.Tests.Support;

/// <summary>
/// A whole rollout stack for one test: the simulated tenant over HTTPS (Entra + Graph + a device fleet on an
/// accelerated clock), the real Graph SDK and Azure.Identity client, and the real engine on a SQLite file.
/// </summary>
public sealed class RolloutHarness : IAsyncDisposable
{
    public static readonly Guid TenantId = new("8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b");
    private const string ClientId = "2b9c6b5e-1111-4c4c-9d9d-0a0a0a0a0a0a";
    private const string ClientSecret = "sim-secret-for-tests";
    private readonly string directory;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> statuses = new(StringComparer.Ordinal);
    private WorkflowRegistry registry = null!;
    private WorkflowEngineOptions engineOptions = null!;
    private TimeProvider clock = null!;

    private RolloutHarness(string directory, SimulatedTenantServer server, SimulatedIntune intune, SimulatedKerberosServers kerberos, GraphConnection graph, WorkflowEngine engine)
    {
        this.directory = directory;
        Server = server;
        Intune = intune;
        Kerberos = kerberos;
        Graph = graph;
        Engine = engine;
    }

    public SimulatedTenantServer Server { get; }

    public SimulatedIntune Intune { get; }

    public SimulatedKerberosServers Kerberos { get; }

    /// <summary>Gets the simulated Graph service (its answer check, when on).</summary>
    public SimulatedGraph SimulatedGraph { get; private init; } = null!;

    public GraphConnection Graph { get; }

    public WorkflowEngine Engine { get; private set; }

    /// <summary>Gets the accelerated clock the fleet checks in by.</summary>
    public TimeProvider Clock => clock;

    /// <summary>A dry run against this tenant: the real Graph client, and the simulated tenant's Kerberos server objects.</summary>
    public RolloutPreview Preview() => new(Graph, Kerberos, clock, NullLoggerFactory.Instance);

    /// <summary>Stops the engine as a dying process would leave it, then starts a new one on the same journal and recovers.</summary>
    public async Task RestartEngineAsync()
    {
        await Engine.DisposeAsync();
        Engine = new WorkflowEngine(registry, engineOptions, clock, NullLoggerFactory.Instance);
        Engine.Recover();
    }

    /// <summary>Records every custom status <paramref name="instanceId"/> is given from now on (read after each journal commit).</summary>
    public void WatchStatuses(string instanceId) => statuses.TryAdd(instanceId, new ConcurrentQueue<string>());

    /// <summary>Gets every distinct custom status JSON a watched instance was journaled with, in order.</summary>
    public IReadOnlyList<string> StatusesOf(string instanceId) => statuses.TryGetValue(instanceId, out var seen) ? [.. seen] : [];

    /// <summary>Starts the stack; <paramref name="maxPayloadBytes"/> turns on the engine's input and output budget.</summary>
    public static async Task<RolloutHarness> StartAsync(Action<SimulatedIntune> seed, SimulatedGraphOptions? graphOptions = null, int? maxPayloadBytes = null)
    {
        RolloutHarness? self = null;
        var directory = Directory.CreateTempSubdirectory("cloudtrust-rollout-").FullName;
        var clock = new AcceleratedClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), 14_400);
        var intune = new SimulatedIntune(graphOptions ?? new SimulatedGraphOptions(), clock);
        seed(intune);
        var simulatedGraph = new SimulatedGraph(intune);
        var kerberos = new SimulatedKerberosServers();
        kerberos.AddHealthy("corp.contoso.example");
        var server = await SimulatedTenantServer.StartAsync(
            new SimulatorOptions { TenantId = TenantId, RequestLogPath = Path.Combine(directory, "requests.jsonl") },
            [simulatedGraph]);
        server.Entra.RegisterClient(ClientId, ClientSecret);
        var graph = GraphConnection.Create(
            new GraphConnectionOptions
            {
                BaseAddress = server.BaseAddress,
                AuthorityHost = server.BaseAddress,
                TenantId = TenantId,
                ClientId = ClientId,
                PinnedCertificate = server.Certificate,
                RetryDelaySeconds = 0,
            },
            ClientSecret);
        var loggers = NullLoggerFactory.Instance;
        var registry = new WorkflowRegistry()
            .AddWorkflow<RolloutRequest, RolloutReport>(RolloutWorkflow.Name, new RolloutWorkflow())
            .AddWorkflow<RingVerificationRequest, RingVerificationResult>(RingVerificationWorkflow.Name, new RingVerificationWorkflow())
            .AddWorkflow<TicketProbeTrackingRequest, TicketProbeSummary>(TicketProbeTrackingWorkflow.Name, new TicketProbeTrackingWorkflow())
            .AddWorkflow<ReprovisioningTrackingRequest, ReprovisioningStatus>(ReprovisioningTrackingWorkflow.Name, new ReprovisioningTrackingWorkflow())
            .AddActivities(new RolloutActivitySet(graph, kerberos, null, clock, loggers).RegisterWith);
        var engineOptions = new WorkflowEngineOptions
        {
            DatabasePath = Path.Combine(directory, "journal.db"),
            PollInterval = TimeSpan.FromMilliseconds(50),
            MaxPayloadBytes = maxPayloadBytes,
            AfterCommit = _ => self?.RecordStatuses(),
        };
        var engine = new WorkflowEngine(registry, engineOptions, clock, loggers);
        self = new RolloutHarness(directory, server, intune, kerberos, graph, engine) { registry = registry, engineOptions = engineOptions, clock = clock, SimulatedGraph = simulatedGraph };
        return self;
    }

    /// <summary>Starts a rollout and waits until it finishes (a safety timeout only; nothing asserts on time).</summary>
    public async Task<RolloutReport> RunAsync(string planJson, string instanceId)
    {
        await Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(planJson), instanceId);
        return await CompletionAsync(instanceId);
    }

    public async Task<RolloutReport> CompletionAsync(string instanceId)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        WorkflowInstance instance;
        try
        {
            instance = await Engine.WaitForCompletionAsync(instanceId, safety.Token);
        }
        catch (OperationCanceledException)
        {
            var stuck = Engine.GetInstance(instanceId);
            var history = string.Join("\n", Engine.GetHistory(instanceId).TakeLast(8).Select(h => $"{h.Sequence} {h.Kind} {h.TaskId} {h.Name}"));
            throw new TimeoutException($"instance {instanceId} did not finish: {stuck?.Status} {stuck?.CustomStatus}\n{history}");
        }

        Assert.True(instance.Status == WorkflowStatus.Completed, $"{instance.Status}: {instance.Failure}");
        return instance.ReadOutputAs<RolloutReport>()!;
    }

    public async Task<RolloutStatus> WaitForPhaseAsync(string instanceId, string phase)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var instance = await Engine.WaitUntilAsync(
            instanceId,
            i => i.Status.IsFinal() || i.ReadCustomStatusAs<RolloutStatus>()?.Phase == phase,
            safety.Token);
        var status = instance.ReadCustomStatusAs<RolloutStatus>();
        Assert.True(status?.Phase == phase, $"expected phase {phase}, instance is {instance.Status} with {instance.CustomStatus} {instance.Failure}");
        return status!;
    }

    private void RecordStatuses()
    {
        foreach (var (id, seen) in statuses)
        {
            if (Engine?.GetInstance(id)?.CustomStatus is { } json && (seen.IsEmpty || seen.Last() != json))
            {
                seen.Enqueue(json);
            }
        }
    }

    /// <summary>Graph requests (beta and v1.0) the simulator answered, token requests excluded.</summary>
    public IReadOnlyList<LoggedRequest> GraphRequests()
        => [.. Server.Requests.Entries.Where(e => e.Path.StartsWith("/beta/", StringComparison.Ordinal) || e.Path.StartsWith("/v1.0/", StringComparison.Ordinal))];

    /// <summary>Graph requests that change something (POST/PUT/PATCH/DELETE), the read-only report POST excluded.</summary>
    public IReadOnlyList<LoggedRequest> GraphWrites()
        => [.. GraphRequests().Where(e => e.Method is "POST" or "PUT" or "PATCH" or "DELETE" && !e.Path.Contains("/reports/", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Graph.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite's pool; the temp directory is cleaned by the OS.
        }
    }
}
