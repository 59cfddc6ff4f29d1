using System.Globalization;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;
using Xunit.Abstractions;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary>
/// Durable caps a custom status at 16 KB of UTF-16 JSON and the queue path carries 64 KB messages: a rollout with
/// 1,000 conflicting policies or 1,000 failing devices keeps every status it was journaled with under the cap, says
/// how many there were and how many it left out, and keeps the full list (or its documented bound) in its report.
/// </summary>
public sealed class StatusLimitTests(ITestOutputHelper output)
{
    private const int Many = 1_000;
    private static readonly Guid Pilot = new("d0000000-0000-4000-8000-000000000001");
    private static readonly Guid Early = new("d0000000-0000-4000-8000-000000000002");
    private static readonly Guid Broad = new("d0000000-0000-4000-8000-000000000003");

    [Fact]
    public async Task A_thousand_conflicting_policies_block_with_a_bounded_status_and_exact_counts()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 10);
            intune.AddDeviceGroup(Early, 10);
            intune.AddDeviceGroup(Broad, 10);
            for (var i = 0; i < Many; i++)
            {
                intune.AddPolicy(string.Create(CultureInfo.InvariantCulture, $"Legacy WHfB certificate trust {i:D4}"), "made by hand", new Dictionary<string, bool> { [WhfbSettingIds.UseCertificateForOnPremAuth] = true }, [Pilot, Early, Broad]);
            }
        });
        harness.WatchStatuses("many-conflicts");

        var report = await harness.RunAsync(Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early), Plans.Ring("broad", Broad)), "many-conflicts");

        Assert.Equal(RolloutOutcome.Blocked, report.Outcome);
        Assert.Equal(Many, report.ConflictCount);
        var status = harness.Engine.GetInstance("many-conflicts")!.ReadCustomStatusAs<RolloutStatus>()!;
        Assert.Equal("blocked", status.Phase);
        Assert.True(status.ReasonCount >= Many, $"{status.ReasonCount} reasons");
        Assert.Equal(StatusBudget.SampleSize, status.Reasons.Count);
        Assert.Equal(status.ReasonCount - StatusBudget.SampleSize, status.MoreReasons);
        Assert.Contains(status.Reasons, r => r.Contains("Legacy WHfB certificate trust 0000", StringComparison.Ordinal));
        Assert.InRange(report.Conflicts.Count, 1, RolloutReport.MaxConflicts);
        Assert.Equal(Many - report.Conflicts.Count, report.MoreConflicts);
        Assert.Equal(3, report.Analyses!.Count);
        Assert.All(report.Analyses, a => Assert.True(a.Totals!.Sources >= Many, $"{a.Totals.Sources} sources"));
        Assert.All(report.Analyses, a => Assert.True(a.Precedence.Sources.Count <= RolloutWorkflow.SampleLimit, $"{a.Precedence.Sources.Count} sources named"));
        Assert.All(report.Analyses, a => Assert.True(a.Blocked, "a cut analysis still carries its block findings"));
        AssertStatusesWithinLimit(harness, "many-conflicts");
        MeasurePayloads(harness, "many-conflicts");
        var outputJson = harness.Engine.GetInstance("many-conflicts")!.Output;
        output.WriteLine($"many-conflicts: output {StatusBudget.Utf16Bytes(outputJson)} bytes");
        Assert.True(StatusBudget.Utf16Bytes(outputJson) <= StatusBudget.MaxPayloadBytes, $"output {StatusBudget.Utf16Bytes(outputJson)} bytes");
    }

    [Fact]
    public async Task A_thousand_failing_devices_pause_the_ring_with_a_bounded_status_and_exact_counts()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, Many, new FleetMix { NoTpm = 1.0 }), maxPayloadBytes: StatusBudget.MaxPayloadBytes);
        harness.WatchStatuses("many-failing");
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(EveryDeviceReportedByTheFirstRead(Plans.Plan(Plans.Ring("pilot", Pilot)))), "many-failing");

        var paused = await harness.WaitForPhaseAsync("many-failing", "paused");
        Assert.Equal(GateVerdict.Fail, paused.Verdict);
        Assert.Equal(Many, paused.Counts!.Targeted);
        Assert.Equal(Many, paused.Counts.Errors);
        Assert.True(paused.Reasons.Count <= StatusBudget.SampleSize);
        Assert.True(paused.MoreReasons > 0, $"{paused.ReasonCount} reasons, {paused.Reasons.Count} shown");
        Assert.Contains(paused.Reasons, r => r.StartsWith($"{Many} device(s) in error or conflict: {RolloutWorkflow.SampleLimit} named, and {Many - RolloutWorkflow.SampleLimit} more", StringComparison.Ordinal));
        Assert.Contains(paused.Reasons, r => r.EndsWith(": error", StringComparison.Ordinal));

        await harness.Engine.RaiseEventAsync("many-failing", RolloutEvents.Abort);
        var report = await harness.CompletionAsync("many-failing");

        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        var ring = Assert.Single(report.Rings);
        Assert.Equal(Many, ring.Counts!.Errors);
        Assert.Equal(RolloutWorkflow.SampleLimit, ring.Failing.Count);
        AssertStatusesWithinLimit(harness, "many-failing");
        var (largest, _) = MeasurePayloads(harness, "many-failing");
        Assert.True(largest <= StatusBudget.MaxPayloadBytes, $"largest payload {largest} bytes");
    }

    /// <summary>Polls the ring once every eight hours, so that every device has checked in (and failed) by the first read.</summary>
    private static string EveryDeviceReportedByTheFirstRead(string plan) => plan.Replace("\"pollInterval\": \"00:30:00\"", "\"pollInterval\": \"08:00:00\"", StringComparison.Ordinal);

    private void AssertStatusesWithinLimit(RolloutHarness harness, string id)
    {
        var seen = harness.StatusesOf(id);
        Assert.NotEmpty(seen);
        var largest = seen.Max(StatusBudget.Utf16Bytes);
        output.WriteLine($"{id}: {seen.Count} statuses journaled, largest {largest} bytes of UTF-16 JSON (limit {StatusBudget.MaxCustomStatusBytes})");
        Assert.All(seen, s => Assert.True(StatusBudget.Utf16Bytes(s) <= StatusBudget.MaxCustomStatusBytes, $"{StatusBudget.Utf16Bytes(s)} bytes"));
    }

    /// <summary>Measures every journaled activity input and output and the workflow's input and output.</summary>
    private (int Largest, string What) MeasurePayloads(RolloutHarness harness, string id)
    {
        var history = harness.Engine.GetHistory(id);
        var names = history.Where(h => h.Kind == HistoryEventKind.ActivityScheduled).ToDictionary(h => h.TaskId!.Value, h => h.Name!);
        var sized = history
            .Where(h => h.Payload is not null && h.Kind is HistoryEventKind.ExecutionStarted or HistoryEventKind.ActivityScheduled or HistoryEventKind.ActivityCompleted or HistoryEventKind.ExecutionCompleted)
            .Select(h => (Bytes: StatusBudget.Utf16Bytes(h.Payload), What: $"{h.Kind} {(h.TaskId is { } t && names.TryGetValue(t, out var n) ? n : string.Empty)}"))
            .OrderByDescending(p => p.Bytes)
            .ToList();
        foreach (var (bytes, what) in sized.Take(5))
        {
            output.WriteLine($"{id}: {what}: {bytes} bytes");
        }

        return sized[0];
    }
}
