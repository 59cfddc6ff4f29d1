using System.Diagnostics;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;

namespace CloudTrust.Benchmarks.History;

/// <summary>
/// The history benchmark on the local engine, with the journal on disk: runs the rollout to the end and counts every
/// instance's history (each execution's), then runs it again frozen where its largest history is largest (a ring
/// status read held in flight), stops the engine as a dying process would, and times a new engine's replay of it up
/// to its next journaled step.
/// </summary>
/// <param name="directory">Where the journal files go.</param>
public sealed class LocalEngineHistoryHost(string directory) : IRolloutHistoryHost
{
    private const string RolloutId = "history-bench";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public string Name => "local engine";

    /// <inheritdoc />
    public async Task<RolloutHistoryFigures> RunAsync(RolloutHistoryScenario scenario, bool inlineRings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var db = Path.Combine(directory, $"history-{Guid.NewGuid():N}.db");
        try
        {
            var activities = new ScenarioActivities(scenario);
            var clock = new LeapingClock(Start);
            var stopwatch = Stopwatch.StartNew();
            string outcome;
            await using (var engine = Open(db, activities, clock, inlineRings))
            {
                await engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(scenario.PlanJson()), RolloutId, cancellationToken);
                var done = await engine.WaitForCompletionAsync(RolloutId, cancellationToken);
                outcome = done.ReadOutputAs<RolloutReport>()?.Outcome.ToString() ?? $"{done.Status}: {done.Failure}";
            }

            var run = stopwatch.Elapsed;
            var (instances, largest, largestId, written) = await CountAsync(db, scenario);
            var replay = await TimeReplayAsync(scenario, inlineRings, cancellationToken);
            return new RolloutHistoryFigures(Name, inlineRings ? "rings inline (before)" : "ring sub-workflows, continue-as-new", outcome, instances, activities.Reads, largest, largestId, written, replay, run);
        }
        finally
        {
            Delete(db);
        }
    }

    /// <summary>
    /// Freezes a second run with its largest history at its fullest — the last read of the last ring inline, the last
    /// read of a ring's first full execution with sub-workflows — then times the replay after a restart.
    /// </summary>
    private async Task<TimeSpan> TimeReplayAsync(RolloutHistoryScenario scenario, bool inlineRings, CancellationToken cancellationToken)
    {
        var db = Path.Combine(directory, $"history-replay-{Guid.NewGuid():N}.db");
        try
        {
            var activities = new ScenarioActivities(scenario)
            {
                Hold = (scenario.Rings, inlineRings ? scenario.PassAtRead : Math.Min(scenario.PassAtRead, RingVerificationWorkflow.PollsPerExecution)),
            };
            var clock = new LeapingClock(Start);
            var frozen = inlineRings ? RolloutId : RolloutChildInstances.RingVerification(RolloutId, scenario.Rings);
            long written;
            await using (var engine = Open(db, activities, clock, inlineRings))
            {
                await engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(scenario.PlanJson()), RolloutId, cancellationToken);
                await activities.Held.WaitAsync(cancellationToken);
                written = Written(engine, frozen);
            }

            await using var restarted = Open(db, activities, clock, inlineRings);
            var stopwatch = Stopwatch.StartNew();
            restarted.Recover();
            // Every execution counts: the step after the frozen one may be the end of the execution, archived at once.
            while (Written(restarted, frozen) <= written)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return stopwatch.Elapsed;
        }
        finally
        {
            Delete(db);
        }
    }

    private static long Written(WorkflowEngine engine, string instanceId) => engine.GetExecutions(instanceId).Sum(e => (long)e.Count);

    private static WorkflowEngine Open(string db, ScenarioActivities activities, TimeProvider clock, bool inlineRings)
    {
        var rollout = new RolloutWorkflow();
        var registry = new WorkflowRegistry()
            .AddWorkflow<RolloutRequest, RolloutReport>(RolloutWorkflow.Name, inlineRings ? (context, request) => rollout.RunAsync(new InlineRings(context), request) : rollout.RunAsync)
            .AddWorkflow<RingVerificationRequest, RingVerificationResult>(RingVerificationWorkflow.Name, new RingVerificationWorkflow())
            .AddActivity<ResolveRingGroupsInput, ResolveRingGroupsResult>(RolloutActivityNames.ResolveRingGroups, activities.ResolveRingGroupsAsync)
            .AddActivity<KerberosServerCheckInput, KerberosServerCheckResult>(RolloutActivityNames.CheckKerberosServers, activities.CheckKerberosServersAsync)
            .AddActivity<ConflictScanInput, ConflictScanResult>(RolloutActivityNames.FindConflicts, activities.FindConflictsAsync)
            .AddActivity<OnPremisesReadinessInput, OnPremisesReadinessResult>(RolloutActivityNames.CheckOnPremisesReadiness, activities.CheckOnPremisesReadinessAsync)
            .AddActivity<HelloSourcesInput, HelloSourcesReading>(RolloutActivityNames.ReadHelloSources, activities.ReadHelloSourcesAsync)
            .AddActivity<EnsureProfileInput, EnsureProfileResult>(RolloutActivityNames.EnsureProfile, activities.EnsureProfileAsync)
            .AddActivity<ReadinessInput, ReadinessResult>(RolloutActivityNames.AssessReadiness, activities.AssessReadinessAsync)
            .AddActivity<AssignGroupsInput, AssignGroupsResult>(RolloutActivityNames.AssignGroups, activities.AssignGroupsAsync)
            .AddActivity<RingStatusInput, RingStatusResult>(RolloutActivityNames.ReadRingStatus, activities.ReadRingStatusAsync);
        return new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = db, PollInterval = TimeSpan.FromMilliseconds(20) }, clock);
    }

    private static async Task<(int Instances, int Largest, string LargestId, long Written)> CountAsync(string db, RolloutHistoryScenario scenario)
    {
        await using var reader = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = db, RunInstances = false });
        var ids = new[] { RolloutId }.Concat(Enumerable.Range(1, scenario.Rings).Select(n => RolloutChildInstances.RingVerification(RolloutId, n)))
            .Where(id => reader.GetInstance(id) is not null)
            .ToList();
        var executions = ids.Select(id => (Id: id, Executions: reader.GetExecutions(id))).ToList();
        var largest = executions.SelectMany(e => e.Executions.Select(x => (e.Id, x.Count))).MaxBy(x => x.Count);
        return (ids.Count, largest.Count, largest.Id, executions.Sum(e => e.Executions.Sum(x => (long)x.Count)));
    }

    private static void Delete(string db)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(db + suffix);
        }
    }
}
