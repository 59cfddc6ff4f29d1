using System.Text.Json;
using CloudTrust.Cli.Commands;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Engine.Journal;
using CloudTrust.Integrations.History;

namespace CloudTrust.Cli.Report;

/// <summary>Builds a <see cref="RunReport"/> from the journal: the rollout's output or status, and its ring-status reads over time.</summary>
internal static class RunReportBuilder
{
    /// <summary>The most failing devices the report names.</summary>
    public const int FailingLimit = 50;

    private static JsonSerializerOptions Json => EngineJson.Options;

    public static RunReport Build(WorkflowEngine engine, string databasePath, string rolloutId, IReadOnlyList<DomainKerberosStatus> kerberos)
    {
        var instance = engine.GetInstance(rolloutId) ?? throw new InstanceNotFoundException($"no rollout has id '{rolloutId}'");
        var history = engine.GetHistory(rolloutId);
        var request = instance.Input is null ? null : JsonSerializer.Deserialize<RolloutRequest>(instance.Input, Json);
        var plan = request is null ? null : RolloutPlanReader.Read(request.PlanJson).Plan;
        var output = instance.Status == WorkflowStatus.Completed ? instance.ReadOutputAs<RolloutReport>() : null;
        var status = instance.ReadCustomStatusAs<RolloutStatus>();
        var rings = Rings(plan, output, status);
        var failing = (output?.Rings ?? []).SelectMany(r => r.Failing.Select(d => new FailingDeviceRow(r.Name, d.DeviceName, d.DeviceId, d.State))).ToList();
        var failingCount = rings.Sum(r => r.Errors + r.Conflicts);
        var shown = failing.Take(FailingLimit).ToList();
        return new RunReport(
            rolloutId,
            instance.Status.ToString(),
            status?.Phase ?? "unknown",
            output?.Outcome.ToString(),
            instance.CreatedAt,
            instance.UpdatedAt,
            rings,
            Timeline(history, plan),
            shown,
            Math.Max(0, failingCount - shown.Count),
            [.. kerberos.Select(k => Kerberos(k, databasePath))]);
    }

    private static List<RingRow> Rings(RolloutPlan? plan, RolloutReport? output, RolloutStatus? status)
    {
        var rows = new List<RingRow>();
        foreach (var ring in plan?.Rings ?? [])
        {
            var report = output?.Rings.FirstOrDefault(r => r.Name == ring.Name);
            var counts = report?.Counts ?? (status?.Ring == ring.Name ? status.Counts : null);
            var verdict = report?.Verdict ?? (status?.Ring == ring.Name ? status.Verdict : null);
            var reasons = report?.Reasons ?? (status?.Ring == ring.Name ? status.Reasons : []);
            rows.Add(counts is null
                ? new RingRow(ring.Name, 0, 0, 0, 0, 0, 0, verdict?.ToString() ?? "not reached", reasons, false)
                : new RingRow(ring.Name, counts.Targeted, counts.Succeeded, counts.Errors, counts.Conflicts, counts.Pending, counts.NotApplicable, verdict?.ToString() ?? "wait", reasons, report?.ResumedByPerson ?? false));
        }

        return rows;
    }

    /// <summary>Each completed ReadRingStatus read, with every ring's latest counts up to then summed.</summary>
    private static List<TimelinePoint> Timeline(IReadOnlyList<HistoryEvent> history, RolloutPlan? plan)
    {
        var scheduled = history.Where(h => h.Kind == HistoryEventKind.ActivityScheduled && h.Name == RolloutActivityNames.ReadRingStatus && h.TaskId is not null)
            .ToDictionary(h => h.TaskId!.Value, h => JsonSerializer.Deserialize<RingStatusInput>(h.Payload ?? "null", Json));
        var latest = new Dictionary<string, RingCounts>(StringComparer.Ordinal);
        var points = new List<TimelinePoint>();
        foreach (var done in history.Where(h => h.Kind == HistoryEventKind.ActivityCompleted && h.TaskId is { } id && scheduled.ContainsKey(id)))
        {
            var input = scheduled[done.TaskId!.Value];
            var result = JsonSerializer.Deserialize<RingStatusResult>(done.Payload ?? "null", Json);
            if (input is null || result is null)
            {
                continue;
            }

            var ring = plan?.Rings.FirstOrDefault(r => r.GroupIds.SequenceEqual(input.GroupIds))?.Name ?? string.Join(",", input.GroupIds);
            latest[ring] = result.Counts;
            points.Add(new TimelinePoint(done.Timestamp, latest.Values.Sum(c => c.Succeeded), latest.Values.Sum(c => c.Errors + c.Conflicts), latest.Values.Sum(c => c.Pending)));
        }

        return points;
    }

    private static KerberosRow Kerberos(DomainKerberosStatus status, string databasePath)
    {
        using var history = new SqliteRotationHistory(databasePath);
        var last = history.Query(status.Domain).MaxBy(a => a.FinishedAt);
        return new KerberosRow(status, last?.FinishedAt, last?.Outcome.ToString());
    }
}
