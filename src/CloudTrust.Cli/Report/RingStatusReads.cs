using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Cli.Report;

/// <summary>
/// The rollout's completed <see cref="RolloutActivityNames.ReadRingStatus"/> activities from the engine history (its
/// rings' verification instances', every execution), in order: which ring each read (by its groups, from the
/// scheduled input), what it found and when it completed.
/// </summary>
internal sealed class RingStatusReads
{
    private readonly List<(string Ring, DateTimeOffset At, RingStatusResult Result)> reads;
    private readonly List<(string Ring, DateTimeOffset At, TicketProbeSummary Result)> ticketReads;

    private RingStatusReads(List<(string Ring, DateTimeOffset At, RingStatusResult Result)> reads, List<(string Ring, DateTimeOffset At, TicketProbeSummary Result)> ticketReads)
    {
        this.reads = reads;
        this.ticketReads = ticketReads;
    }

    /// <summary>Gets how many reads the history holds.</summary>
    public int Count => reads.Count;

    /// <summary>Pairs each completed read with its scheduled input, within each execution (task ids start again in each).</summary>
    /// <param name="executions">The journals of the rollout and its rings' verification instances, every execution.</param>
    /// <param name="plan">The plan, to name a ring by its groups.</param>
    /// <returns>The reads, oldest first.</returns>
    public static RingStatusReads From(IEnumerable<IReadOnlyList<HistoryEvent>> executions, RolloutPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(executions);
        var histories = executions.ToList();
        var reads = histories.SelectMany(history => Reads(history, plan)).OrderBy(r => r.At).ToList();
        var tickets = histories.SelectMany(history => TicketReads(history, plan)).OrderBy(r => r.At).ToList();
        return new RingStatusReads(reads, tickets);
    }

    /// <summary>The completed per-ring <see cref="RolloutActivityNames.ReadTicketProbe"/> reads of one execution.</summary>
    private static List<(string Ring, DateTimeOffset At, TicketProbeSummary Result)> TicketReads(IReadOnlyList<HistoryEvent> history, RolloutPlan? plan)
    {
        var scheduled = new Dictionary<int, TicketProbeReadInput>();
        foreach (var h in history.Where(h => h.Kind == HistoryEventKind.ActivityScheduled && h.Name == RolloutActivityNames.ReadTicketProbe && h.TaskId is not null))
        {
            if (JsonSerializer.Deserialize<TicketProbeReadInput>(h.Payload ?? "null", EngineJson.Options) is { GroupIds: not null } input)
            {
                scheduled[h.TaskId!.Value] = input;
            }
        }

        var reads = new List<(string, DateTimeOffset, TicketProbeSummary)>();
        foreach (var done in history.Where(h => h.Kind == HistoryEventKind.ActivityCompleted && h.TaskId is { } id && scheduled.ContainsKey(id)))
        {
            var input = scheduled[done.TaskId!.Value];
            if (JsonSerializer.Deserialize<TicketProbeSummary>(done.Payload ?? "null", EngineJson.Options) is { } result)
            {
                var ring = plan?.Rings.FirstOrDefault(r => r.GroupIds.SequenceEqual(input.GroupIds!))?.Name ?? string.Join(",", input.GroupIds!);
                reads.Add((ring, done.Timestamp, result));
            }
        }

        return reads;
    }

    /// <summary>The ring's last ticket probe read, if its probe was read at all.</summary>
    /// <param name="ring">The ring's name.</param>
    /// <returns>What the read found.</returns>
    public TicketProbeSummary? LastTickets(string ring) => ticketReads.LastOrDefault(r => r.Ring == ring).Result;

    /// <summary>Each ring's own progress: the share of its devices succeeded at each status read, and of its reporting devices with both tickets at each probe read.</summary>
    /// <returns>One series per ring, in the order rings were first read.</returns>
    public List<RingSeries> RingProgress()
        => [.. reads.Select(r => r.Ring).Concat(ticketReads.Select(r => r.Ring)).Distinct(StringComparer.Ordinal).Select(ring => new RingSeries(
            ring,
            [.. reads.Where(r => r.Ring == ring).Select(r => new SharePoint(r.At, r.Result.Counts.SuccessShare))],
            [.. ticketReads.Where(r => r.Ring == ring && r.Result.Reported > 0).Select(r => new SharePoint(r.At, r.Result.Counts.WorkingShare))]))];

    private static List<(string Ring, DateTimeOffset At, RingStatusResult Result)> Reads(IReadOnlyList<HistoryEvent> history, RolloutPlan? plan)
    {
        var scheduled = new Dictionary<int, RingStatusInput>();
        foreach (var h in history.Where(h => h.Kind == HistoryEventKind.ActivityScheduled && h.Name == RolloutActivityNames.ReadRingStatus && h.TaskId is not null))
        {
            if (JsonSerializer.Deserialize<RingStatusInput>(h.Payload ?? "null", EngineJson.Options) is { } input)
            {
                scheduled[h.TaskId!.Value] = input;
            }
        }

        var reads = new List<(string, DateTimeOffset, RingStatusResult)>();
        foreach (var done in history.Where(h => h.Kind == HistoryEventKind.ActivityCompleted && h.TaskId is { } id && scheduled.ContainsKey(id)))
        {
            var input = scheduled[done.TaskId!.Value];
            if (JsonSerializer.Deserialize<RingStatusResult>(done.Payload ?? "null", EngineJson.Options) is { } result)
            {
                var ring = plan?.Rings.FirstOrDefault(r => r.GroupIds.SequenceEqual(input.GroupIds))?.Name ?? string.Join(",", input.GroupIds);
                reads.Add((ring, done.Timestamp, result));
            }
        }

        return reads;
    }

    /// <summary>The ring's last read, if it was read at all.</summary>
    /// <param name="ring">The ring's name.</param>
    /// <returns>What the read found.</returns>
    public RingStatusResult? Last(string ring) => reads.LastOrDefault(r => r.Ring == ring).Result;

    /// <summary>Device states after each read: every ring's latest counts up to then, summed (rings assigned so far).</summary>
    /// <returns>One point per read.</returns>
    public List<TimelinePoint> Timeline()
    {
        var latest = new Dictionary<string, RingCounts>(StringComparer.Ordinal);
        var points = new List<TimelinePoint>(reads.Count);
        foreach (var (ring, at, result) in reads)
        {
            latest[ring] = result.Counts;
            points.Add(new TimelinePoint(at, latest.Values.Sum(c => c.Succeeded), latest.Values.Sum(c => c.Errors + c.Conflicts), latest.Values.Sum(c => c.Pending)));
        }

        return points;
    }
}
