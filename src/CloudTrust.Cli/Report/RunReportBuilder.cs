using System.Text.Json;
using CloudTrust.Cli.Commands;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Integrations.History;

namespace CloudTrust.Cli.Report;

/// <summary>
/// Builds a <see cref="RunReport"/> from the journal: the rollout's final report when it finished, else its custom
/// status (or, while it verifies a ring, the ring instance's) for the current ring and the last ring-status reads
/// (engine history of the rings' verification instances, archived executions included) for the rings it passed.
/// </summary>
internal static class RunReportBuilder
{
    /// <summary>The most failing devices the report names.</summary>
    public const int FailingLimit = 50;

    /// <summary>Builds the report of one rollout.</summary>
    /// <param name="engine">An engine over the journal (it need not run instances).</param>
    /// <param name="databasePath">The journal file, which also holds the rotation history.</param>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="kerberos">Each domain's Kerberos server health as the caller read it; none shown when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InstanceNotFoundException">No rollout has that id.</exception>
    public static RunReport Build(WorkflowEngine engine, string databasePath, string rolloutId, IReadOnlyList<DomainKerberosStatus>? kerberos)
    {
        var instance = engine.GetInstance(rolloutId) is { Name: RolloutWorkflow.Name } found ? found : throw new InstanceNotFoundException($"no rollout has id '{rolloutId}'");
        var request = instance.Input is null ? null : JsonSerializer.Deserialize<RolloutRequest>(instance.Input, EngineJson.Options);
        var plan = request is null ? null : RolloutPlanReader.Read(request.PlanJson).Plan;
        var output = instance.Status == WorkflowStatus.Completed ? instance.ReadOutputAs<RolloutReport>() : null;
        var own = instance.ReadCustomStatusAs<RolloutStatus>();
        var status = RolloutChildInstances.ToRead(rolloutId, own) is { } current
            ? RolloutChildInstances.Current(own, engine.GetInstance(current)?.ReadCustomStatusAs<RolloutStatus>())
            : own;

        // The status reads are journaled by each ring's verification instance, over every execution it continued into.
        var executions = engine.GetExecutions(rolloutId)
            .Concat(RolloutChildInstances.All(rolloutId, plan?.Rings.Count ?? 0).SelectMany(engine.GetExecutions));
        var reads = RingStatusReads.From(executions, plan);
        var rings = Rings(plan, output, status, reads);
        var failing = Failing(plan, output, reads);
        var shown = failing.Take(FailingLimit).ToList();
        return new RunReport(
            rolloutId,
            instance.Status.ToString(),
            status?.Phase ?? "unknown",
            output?.Outcome.ToString(),
            instance.CreatedAt,
            instance.UpdatedAt,
            rings,
            reads.Timeline(),
            shown,
            Math.Max(0, rings.Sum(r => r.Errors + r.Conflicts) - shown.Count),
            kerberos is null ? [] : Kerberos(kerberos, databasePath),
            output?.Analyses ?? [],
            output is null ? TicketNextAction.For(status) : null,
            Tickets(plan, output, reads),
            reads.RingProgress(),
            own?.OnPremises ?? output?.OnPremises,
            output?.Abort);
    }

    /// <summary>Each ring's ticket evidence: from the final report, else from its last probe read.</summary>
    private static List<RingTickets> Tickets(RolloutPlan? plan, RolloutReport? output, RingStatusReads reads)
        => [.. (plan?.Rings.Select(r => r.Name) ?? output?.Rings.Select(r => r.Name) ?? [])
            .Select(ring => (ring, summary: output?.Rings.FirstOrDefault(r => r.Name == ring)?.Tickets ?? reads.LastTickets(ring)))
            .Where(t => t.summary is not null)
            .Select(t => new RingTickets(t.ring, t.summary!))];

    private static List<RingRow> Rings(RolloutPlan? plan, RolloutReport? output, RolloutStatus? status, RingStatusReads reads)
    {
        var rows = new List<RingRow>();
        var planned = plan?.Rings ?? [];
        for (var i = 0; i < planned.Count; i++)
        {
            var name = planned[i].Name;
            var final = output?.Rings.FirstOrDefault(r => r.Name == name);
            var current = status is not null && status.Ring == name ? status : null;
            var passed = final is null && current is null && status is not null && i < status.RingNumber - 1;
            var counts = final?.Counts ?? current?.Counts ?? reads.Last(name)?.Counts;
            var verdict = final?.Verdict?.ToString() ?? current?.Verdict?.ToString() ?? (passed ? "Done" : counts is null ? "not reached" : "Wait");
            IReadOnlyList<string> reasons = final?.Reasons ?? current?.ReasonLines() ?? (passed ? ["the rollout went on past this ring (its gate passed or a person resumed)"] : []);
            rows.Add(counts is null
                ? new RingRow(name, 0, 0, 0, 0, 0, 0, verdict, reasons, false)
                : new RingRow(name, counts.Targeted, counts.Succeeded, counts.Errors, counts.Conflicts, counts.Pending, counts.NotApplicable, verdict, reasons, final?.ResumedByPerson ?? false));
        }

        return rows;
    }

    /// <summary>The failing devices each ring named: from the final report, else from its last status read.</summary>
    private static List<FailingDeviceRow> Failing(RolloutPlan? plan, RolloutReport? output, RingStatusReads reads)
    {
        var names = output?.Rings.Select(r => r.Name) ?? plan?.Rings.Select(r => r.Name) ?? [];
        return [.. names.SelectMany(ring =>
            (output?.Rings.FirstOrDefault(r => r.Name == ring)?.Failing ?? reads.Last(ring)?.Failing ?? [])
                .Select(d => new FailingDeviceRow(ring, d.DeviceName, d.DeviceId, d.State)))];
    }

    private static List<KerberosRow> Kerberos(IReadOnlyList<DomainKerberosStatus> kerberos, string databasePath)
    {
        using var history = new SqliteRotationHistory(databasePath);
        return [.. kerberos.Select(status =>
        {
            var last = history.Query(status.Domain).MaxBy(a => a.FinishedAt);
            return new KerberosRow(status, last?.FinishedAt, last?.Outcome.ToString());
        })];
    }
}
