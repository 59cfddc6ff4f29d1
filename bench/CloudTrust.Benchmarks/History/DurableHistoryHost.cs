using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Identity;
using CloudTrust.Api;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Functions.Composition;
using CloudTrust.Tests.Shared.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudTrust.Benchmarks.History;

/// <summary>
/// The history benchmark on the real Durable Task runtime: the Functions app's own Rollout and RingVerification
/// orchestrator functions under durabletask-dotnet's worker and in-memory backend (the same runtime the Functions tests
/// use), over the scenario's activities. Durable timers follow the wall clock, so the scenario runs with its polls 45,000
/// times closer together (a 15-minute poll every 20 ms) and a deadline that never binds: the number of reads, polls and
/// history events is the scenario's. The largest history is what the worker is handed to replay: every orchestrator
/// work item's past and new events, watched on the task hub protocol's work-item stream.
/// There is no journal to restart here, so the time measured is the per-poll overhead at the largest history: each poll
/// is two orchestration episodes (timer fired, read completed), each replaying the instance's whole history.
/// </summary>
public sealed class DurableHistoryHost : IRolloutHistoryHost
{
    private const string RolloutId = "history-bench";
    private const double Faster = 45_000;

    /// <inheritdoc />
    public string Name => "Durable runtime";

    /// <inheritdoc />
    public bool RunsInlineRings => false;

    /// <inheritdoc />
    public async Task<RolloutHistoryFigures> RunAsync(RolloutHistoryScenario scenario, bool inlineRings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var fast = scenario.Faster(Faster) with { Deadline = TimeSpan.FromHours(2) };
        using var worker = BuildWorker();
        var converter = worker.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        await using var runtime = await DurableRuntime.StartAsync(converter);
        var activities = new ScenarioActivities(fast);
        var readTimes = new ConcurrentDictionary<int, List<long>>();
        var largestByInstance = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await runtime.StartWorkerAsync(
            registry => Register(registry, worker.Services, activities, fast, readTimes),
            request => largestByInstance.AddOrUpdate(request.InstanceId, request.PastEvents.Count + request.NewEvents.Count, (_, before) => Math.Max(before, request.PastEvents.Count + request.NewEvents.Count)));

        var stopwatch = Stopwatch.StartNew();
        await runtime.Client.ScheduleNewOrchestrationInstanceAsync(RolloutWorkflow.Name, new RolloutRequest(fast.PlanJson()), new StartOrchestrationOptions(RolloutId), cancellationToken);
        var done = await runtime.Client.WaitForInstanceCompletionAsync(RolloutId, getInputsAndOutputs: true, cancellationToken);
        var instances = (await runtime.Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync(cancellationToken)).Count;
        var top = largestByInstance.IsEmpty ? new KeyValuePair<string, int>(RolloutId, 0) : largestByInstance.MaxBy(p => p.Value);
        var (largestId, largest) = (top.Key, top.Value);

        var run = stopwatch.Elapsed;
        if (largest == 0)
        {
            throw new InvalidOperationException("the backend answered no history: nothing was measured");
        }

        var outcome = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? done.ReadOutputAs<RolloutReport>()?.Outcome.ToString() ?? "no report"
            : $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}";
        return new RolloutHistoryFigures(Name, "ring sub-workflows, continue-as-new", outcome, instances, activities.Reads, largest, largestId, -1, PollOverhead(readTimes, fast.PollInterval), run);
    }

    // The median time between two reads of a ring beyond its poll interval, over every ring.
    private static TimeSpan PollOverhead(ConcurrentDictionary<int, List<long>> readTimes, TimeSpan interval)
    {
        var gaps = readTimes.Values
            .SelectMany(times => times.Zip(times.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b) - interval))
            .Order()
            .ToList();
        return gaps.Count == 0 ? TimeSpan.Zero : gaps[gaps.Count / 2];
    }

    private static void Register(DurableTaskRegistry registry, IServiceProvider services, ScenarioActivities activities, RolloutHistoryScenario scenario, ConcurrentDictionary<int, List<long>> readTimes)
    {
        foreach (var name in new[] { RolloutWorkflow.Name, RingVerificationWorkflow.Name })
        {
            var function = FunctionCatalog.Named(name);
            registry.AddOrchestrator(name, () => new FunctionOrchestrator(function, services));
        }

        Add<ResolveRingGroupsInput, ResolveRingGroupsResult>(RolloutActivityNames.ResolveRingGroups, activities.ResolveRingGroupsAsync);
        Add<KerberosServerCheckInput, KerberosServerCheckResult>(RolloutActivityNames.CheckKerberosServers, activities.CheckKerberosServersAsync);
        Add<ConflictScanInput, ConflictScanResult>(RolloutActivityNames.FindConflicts, activities.FindConflictsAsync);
        Add<OnPremisesReadinessInput, OnPremisesReadinessResult>(RolloutActivityNames.CheckOnPremisesReadiness, activities.CheckOnPremisesReadinessAsync);
        Add<HelloSourcesInput, HelloSourcesReading>(RolloutActivityNames.ReadHelloSources, activities.ReadHelloSourcesAsync);
        Add<EnsureProfileInput, EnsureProfileResult>(RolloutActivityNames.EnsureProfile, activities.EnsureProfileAsync);
        Add<ReadinessInput, ReadinessResult>(RolloutActivityNames.AssessReadiness, activities.AssessReadinessAsync);
        Add<AssignGroupsInput, AssignGroupsResult>(RolloutActivityNames.AssignGroups, activities.AssignGroupsAsync);
        Add<RingStatusInput, RingStatusResult>(RolloutActivityNames.ReadRingStatus, async (input, ct) =>
        {
            var ring = Enumerable.Range(1, scenario.Rings).First(n => RolloutHistoryScenario.GroupOf(n) == input.GroupIds[0]);
            var times = readTimes.GetOrAdd(ring, _ => []);
            lock (times)
            {
                times.Add(Stopwatch.GetTimestamp());
            }

            return await activities.ReadRingStatusAsync(input, ct);
        });

        void Add<TInput, TOutput>(string activity, Func<TInput, CancellationToken, Task<TOutput>> run)
            => registry.AddActivityFunc<TInput, TOutput>(FunctionNames.FunctionFor(activity), (_, input) => run(input!, CancellationToken.None));
    }

    // The deployed worker's services (its serializer becomes the runtime's DataConverter); no service is reached.
    private static IHost BuildWorker()
    {
        var settings = new Dictionary<string, string?>
        {
            ["TenantId"] = RolloutHistoryScenario.TenantId.ToString(),
            ["KeyVaultUri"] = "https://bench.vault.azure.net/",
            ["RelayAddress"] = "https://bench.servicebus.windows.net/",
            ["RelayHybridConnection"] = "cloudtrust-agent",
            ["RelaySendRule"] = "cloud-send",
            ["RotationSchedule"] = "0 0 3 * * 0",
            ["RotationPolicy"] = "{\"schedule\": \"0 0 3 * * 0\", \"domains\": [\"contoso.com\"]}",
            ["RotationHistoryTableUri"] = "https://bench.table.core.windows.net/",
        };
        var (host, errors) = HostSettings.Read(name => settings.GetValueOrDefault(name));
        return DeployedWorker.Build(host ?? throw new InvalidOperationException(string.Join("; ", errors)), new FunctionsConnection { Credential = new ClientSecretCredential(RolloutHistoryScenario.TenantId.ToString(), "bench", "never-used") });
    }
}
