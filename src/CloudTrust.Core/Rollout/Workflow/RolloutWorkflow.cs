using CloudTrust.Core.Migration;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// The WHfB cloud-trust rollout: preflight (plan, ring groups, Kerberos servers, conflicts, each ring's WHfB sources
/// and which one wins) → ensure the profile → for each ring: readiness, the migration's reversible steps, assign,
/// poll the policy state on durable timers, evaluate the gate, wait for approval when the ring asks for it, then the
/// migration's tracking (and, for certificate trust, the approved container deletion) → final report. A failed gate
/// pauses until <c>resume</c> or <c>abort</c>. Each ring's polling runs in a <see cref="RingVerificationWorkflow"/>
/// sub-workflow, so the rollout's own history stays small however long a ring soaks. An <c>abort</c> raised on the
/// rollout is taken in any phase (<see cref="AbortWatch"/>): at a gate at once, while a sub-workflow polls by passing it
/// on to that sub-workflow (which stops between two polls), otherwise at the next safe point (after the activity in
/// flight); the rollout then rolls back as at a gate. Written only against <see cref="IWorkflowContext"/>:
/// deterministic and replay-safe.
/// </summary>
public sealed partial class RolloutWorkflow : IWorkflow<RolloutRequest, RolloutReport>
{
    /// <summary>The workflow's registered name.</summary>
    public const string Name = "Rollout";

    /// <summary>How many failing devices and not-ready devices a report names.</summary>
    public const int SampleLimit = 20;

    /// <summary>How long without a check-in makes a device not ready.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);

    /// <summary>How the rollout and its polling sub-workflows retry an activity.</summary>
    internal static readonly ActivityRetryPolicy Retry = new(5, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2));

    /// <inheritdoc />
    public async Task<RolloutReport> RunAsync(IWorkflowContext context, RolloutRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // Opened before anything is awaited, so an abort raised at any time is delivered to it (AbortWatch).
        var abort = AbortWatch.Open(context);
        var read = RolloutPlanReader.Read(input.PlanJson);
        if (!read.IsValid)
        {
            var errors = read.Errors.Select(e => e.ToString()).ToList();
            context.SetCustomStatus(RolloutStatus.Create("invalidPlan", null, 0, 0, null, null, errors, []));
            return new RolloutReport(RolloutOutcome.InvalidPlan, errors, [], [], null, null, [], []);
        }

        var plan = read.Plan!;
        context.SetCustomStatus(RolloutStatus.Create("resolvingGroups", null, 0, plan.Rings.Count, null, null, [], []));
        var resolved = await context.CallActivityAsync<ResolveRingGroupsResult>(RolloutActivityNames.ResolveRingGroups, ResolveRingGroupsInput.For(plan), Retry);
        if (!resolved.IsResolved)
        {
            var errors = resolved.Errors.Select(e => e.ToString()).ToList();
            context.SetCustomStatus(RolloutStatus.Create("invalidPlan", null, 0, 0, null, null, errors, []));
            return new RolloutReport(RolloutOutcome.InvalidPlan, errors, [], [], null, null, [], []);
        }

        if (plan.AllGroupNames.Count > 0)
        {
            plan = plan.WithResolvedGroups(resolved.GroupIds);
        }

        var run = new RolloutRun(context, plan, abort, input.RollbackOnAbort);
        run.Status("preflight", null, 0, null, null, [], []);

        var kerberos = await context.CallActivityAsync<KerberosServerCheckResult>(RolloutActivityNames.CheckKerberosServers, KerberosServerCheckInput.For(plan.Domains, plan.CloudSignIn), Retry);
        var conflicts = await context.CallActivityAsync<ConflictScanResult>(RolloutActivityNames.FindConflicts, new ConflictScanInput(plan.ProfileName, plan.AllGroupIds), Retry);
        var analyses = await AnalyzeRingsAsync(run);
        var onPremises = await context.CallActivityAsync<OnPremisesReadinessResult>(
            RolloutActivityNames.CheckOnPremisesReadiness,
            new OnPremisesReadinessInput(plan.Domains, [.. plan.Rings.Select(r => new RingGroupsRef(r.Name, r.GroupIds))], OnPremisesFindings.MaxNamed),
            Retry);
        run.OnPremises = onPremises.Readiness is { } onPremisesRead ? OnPremisesFindings.From(onPremisesRead, plan.Readiness) : null;
        var outstanding = MigrationConflicts.Outstanding(conflicts.Conflicts, analyses);
        var unhealthy = kerberos.Domains.Where(d => !d.Healthy).ToList();
        run.KerberosDomains = [.. kerberos.Domains.Where(d => d.Healthy).Select(d => d.Domain)];
        run.KerberosServers = kerberos.Domains;
        run.Analyses = Reported(analyses);
        var blockers = outstanding.Select(c => $"policy '{c.PolicyName}' ({c.PolicyId}): {string.Join("; ", c.Reasons)}")
            .Concat(unhealthy.Select(d => $"Kerberos server in {d.Domain}: {d.Detail}"))
            .Concat(analyses.SelectMany(a => a.Blockers))
            .Concat(run.OnPremises?.Blockers() ?? [])
            .ToList();
        if (blockers.Count > 0)
        {
            run.Status("blocked", null, 0, null, GateVerdict.Fail, blockers, []);
            return new RolloutReport(RolloutOutcome.Blocked, [], [.. outstanding.Take(RolloutReport.MaxConflicts)], kerberos.Domains, null, null, [], [], null, Reported(analyses), outstanding.Count, run.OnPremises).WithinBudget();
        }

        if (abort.Requested)
        {
            // Safe point: preflight only read; nothing to roll back.
            return await AbortAsync(run, [], null, []);
        }

        var profile = await context.CallActivityAsync<EnsureProfileResult>(
            RolloutActivityNames.EnsureProfile,
            new EnsureProfileInput(plan.ProfileMode, plan.ProfileName, plan.RequireSecurityDevice, plan.TenantId, plan.Hello),
            Retry);
        run.Profile = profile;

        var rings = new List<RingReport>();
        var added = new List<Guid>();
        for (var i = 0; i < plan.Rings.Count; i++)
        {
            var outcome = await RunRingAsync(run, profile.PolicyId, i, analyses[i], added);
            if (outcome.Aborted)
            {
                return await AbortAsync(run, rings, outcome.Report, added);
            }

            rings.Add(outcome.Report!);
        }

        var last = rings[^1];
        var probe = plan.TicketProbe && !abort.Requested ? await RunTicketProbeAsync(run, rings) : null;
        if (abort.Requested)
        {
            // Past the last gate (sign-in or re-provisioning tracking, the ticket probe, or the last step): rolled back all the same.
            return await AbortAsync(run, rings, null, added, probe);
        }

        run.Status("done", last.Name, plan.Rings.Count, last.Counts, last.Verdict, last.Reasons, []);
        return new RolloutReport(RolloutOutcome.Completed, [], [], kerberos.Domains, profile.PolicyId, profile.Action, rings, [], probe, Reported(analyses), OnPremises: run.OnPremises).WithinBudget();
    }

    private static async Task<RingOutcome> RunRingAsync(RolloutRun run, string policyId, int index, RingAnalysis analysis, List<Guid> addedSoFar)
    {
        var context = run.Context;
        var plan = run.Plan;
        var ring = plan.Rings[index];
        if (run.Abort.Requested)
        {
            return new RingOutcome(null, true);
        }

        run.Status("readiness", ring.Name, index + 1, null, null, [], []);
        var readiness = await context.CallActivityAsync<ReadinessResult>(RolloutActivityNames.AssessReadiness, new ReadinessInput(ring.GroupIds, StaleAfter, SampleLimit), Retry);
        var migration = await DisableCertificateTrustAsync(run, index, analysis);

        run.Status("assigning", ring.Name, index + 1, null, null, [], []);
        var assigned = await context.CallActivityAsync<AssignGroupsResult>(RolloutActivityNames.AssignGroups, new AssignGroupsInput(plan.ProfileMode, policyId, ring.GroupIds, []), Retry);
        addedSoFar.AddRange(assigned.Added);
        var assignedAt = context.CurrentUtcDateTime;
        var ticketScript = ring.TicketThreshold is null ? null : await DeployRingProbeAsync(run, index);

        // The polling runs in the ring's own instance, which continues as new so that no history grows with a long
        // soak; the gate's waits for people stay here, where resume, abort and approve are raised. An abort raised
        // meanwhile is passed on to it: it stops between two polls.
        run.Status("verifying", ring.Name, index + 1, null, GateVerdict.Wait, [], [RolloutEvents.Abort]);
        var verified = await run.UntilAbortAsync(
            () => context.CallSubWorkflowAsync<RingVerificationResult>(
                RingVerificationWorkflow.Name,
                new RingVerificationRequest(ring, index + 1, plan.Rings.Count, plan.ProfileMode, policyId, plan.PollInterval, assignedAt, TicketScriptId: ticketScript, KerberosDomains: run.KerberosDomains),
                RolloutChildInstances.RingVerification(context.InstanceId, index + 1)),
            RolloutChildInstances.RingVerification(context.InstanceId, index + 1));
        if (verified is null)
        {
            // Taken before the ring began to verify: rolled back as an abort at its gate.
            return new RingOutcome(new RingReport(ring.Name, readiness, assigned.Added, null, null, [], [], false, 0, migration), true);
        }

        var (status, decision, polls, tickets) = (verified.Status, verified.Decision, verified.Polls, verified.Tickets);
        run.Status("verifying", ring.Name, index + 1, status.Counts, decision.Verdict, decision.Reasons, [], tickets);
        if (verified.Aborted || run.Abort.Requested)
        {
            // Aborted while the ring verified (or just as it finished): rolled back as an abort at its gate.
            return new RingOutcome(new RingReport(ring.Name, readiness, assigned.Added, status.Counts, decision.Verdict, decision.Reasons, status.Failing, false, polls, migration, tickets), true);
        }

        var resumed = false;
        if (decision.Verdict == GateVerdict.Fail)
        {
            var reasons = decision.Reasons.Concat(FailingDevices(status)).Concat(TicketFailures(tickets)).ToList();
            run.Status("paused", ring.Name, index + 1, status.Counts, decision.Verdict, reasons, [RolloutEvents.Resume, RolloutEvents.Abort], tickets);
            resumed = !(await WaitOrAbortAsync<object?>(run, RolloutEvents.Resume)).Aborted;
        }
        else if (ring.RequireApproval && index < plan.Rings.Count - 1)
        {
            run.Status("awaitingApproval", ring.Name, index + 1, status.Counts, decision.Verdict, decision.Reasons, [RolloutEvents.Approve, RolloutEvents.Abort], tickets);
            if ((await WaitOrAbortAsync<object?>(run, RolloutEvents.Approve)).Aborted)
            {
                return new RingOutcome(new RingReport(ring.Name, readiness, assigned.Added, status.Counts, decision.Verdict, decision.Reasons, status.Failing, false, polls, migration, tickets), true);
            }
        }

        var report = new RingReport(ring.Name, readiness, assigned.Added, status.Counts, decision.Verdict, decision.Reasons, status.Failing, resumed, polls, migration, tickets);
        if (decision.Verdict == GateVerdict.Fail && !resumed)
        {
            return new RingOutcome(report, true);
        }

        return await FinishMigrationAsync(run, index, analysis, report);
    }

    /// <summary>
    /// Assigns the ticket probe to the groups of every ring so far (the assign call replaces the script's list) when a
    /// ring that gates on tickets starts, so its devices report with the policy.
    /// </summary>
    private static async Task<string> DeployRingProbeAsync(RolloutRun run, int index)
    {
        var groups = run.Plan.Rings.Take(index + 1).SelectMany(r => r.GroupIds).Distinct().ToList();
        var deployed = await run.Context.CallActivityAsync<TicketProbeDeployResult>(RolloutActivityNames.DeployTicketProbe, new TicketProbeDeployInput(groups), Retry);
        return deployed.ScriptId;
    }

    /// <summary>The ring's devices without tickets for a paused status: the causes with counts and actions, then the named devices.</summary>
    private static IEnumerable<string> TicketFailures(TicketProbeSummary? tickets)
    {
        foreach (var cause in tickets?.Causes ?? [])
        {
            yield return $"tickets: {cause.Count} device(s) {Tickets.TicketCauseActions.Title(cause.Cause)}: {cause.Action}";
        }

        foreach (var device in tickets?.Failing ?? [])
        {
            yield return $"tickets: {device.DeviceName}: {Tickets.TicketCauseActions.Title(device.Cause)} ({device.Detail})";
        }
    }

    /// <summary>Ships the ticket probe to every ring and polls its run states until every targeted device reported or the longest deadline passed.</summary>
    private static async Task<TicketProbeSummary?> RunTicketProbeAsync(RolloutRun run, IReadOnlyList<RingReport> rings)
    {
        var context = run.Context;
        var plan = run.Plan;
        var targeted = rings.Sum(r => r.Counts?.Targeted ?? 0);
        var deployed = await context.CallActivityAsync<TicketProbeDeployResult>(RolloutActivityNames.DeployTicketProbe, new TicketProbeDeployInput(plan.AllGroupIds), Retry);
        var until = context.CurrentUtcDateTime + plan.Rings.Max(r => r.VerificationDeadline);
        var status = RolloutStatus.Create("ticketProbe", rings[^1].Name, plan.Rings.Count, plan.Rings.Count, rings[^1].Counts, rings[^1].Verdict, [], [], onPremises: run.OnPremises);
        run.Show(status);
        return await run.UntilAbortAsync(
            () => context.CallSubWorkflowAsync<TicketProbeSummary>(
                TicketProbeTrackingWorkflow.Name,
                new TicketProbeTrackingRequest(deployed.ScriptId, null, targeted, false, until, plan.PollInterval, status),
                RolloutChildInstances.TicketProbe(context.InstanceId)),
            RolloutChildInstances.TicketProbe(context.InstanceId));
    }

    /// <summary>The ring analyses as the report carries them: each list cut to <see cref="SampleLimit"/>, with its length (the output must stay within <see cref="StatusBudget.MaxPayloadBytes"/>).</summary>
    private static List<RingAnalysis> Reported(IReadOnlyList<RingAnalysis> analyses) => [.. analyses.Select(a => a.ForReport(SampleLimit))];

    /// <summary>The failing devices for a status: how many there are and how many the read named, then the named ones.</summary>
    private static IEnumerable<string> FailingDevices(RingStatusResult status)
    {
        var failing = status.Counts.Errors + status.Counts.Conflicts;
        var unnamed = failing - status.Failing.Count;
        if (unnamed > 0)
        {
            yield return $"{failing} device(s) in error or conflict: {status.Failing.Count} named, {StatusBudget.AndMore(unnamed)} (the report has the counts)";
        }

        foreach (var device in status.Failing)
        {
            yield return $"{device.DeviceName} ({device.DeviceId}): {device.State}";
        }
    }

    /// <summary>How a ring ended: its report (none when the abort came before the ring began) and whether it was aborted.</summary>
    private sealed record RingOutcome(RingReport? Report, bool Aborted);
}
