using CloudTrust.Core.Migration;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <content>
/// The abort in every phase: the rollout's one <see cref="AbortWatch"/>, raced with each gate's wait and each polling
/// sub-workflow (to which it is passed on), checked at each safe point in between, and the roll-back it leads to.
/// </content>
public sealed partial class RolloutWorkflow
{
    /// <summary>
    /// Stops the rollout for an abort: the ring in hand (if any) has its migration undone while that is still possible,
    /// the groups this run assigned are removed again (unless the rollout was started without roll-back), and the
    /// report says who aborted, at which phase.
    /// </summary>
    private static async Task<RolloutReport> AbortAsync(RolloutRun run, List<RingReport> rings, RingReport? current, IReadOnlyList<Guid> added, TicketProbeSummary? probe = null)
    {
        var taken = new RolloutAbort(run.Abort.By, run.Phase, run.RingName, run.RingNumber);
        var reasons = new List<string> { taken.Describe() };
        if (current is not null)
        {
            current = await UndoMigrationAsync(run, current);
            rings.Add(current);
            reasons.AddRange(current.Reasons);
        }

        var profile = run.Profile;
        var rolledBack = run.RollbackOnAbort && added.Count > 0 && profile is not null
            ? (await run.Context.CallActivityAsync<AssignGroupsResult>(RolloutActivityNames.AssignGroups, new AssignGroupsInput(run.Plan.ProfileMode, profile.PolicyId, [], added), Retry)).Removed
            : [];
        reasons.Add($"rolled back {rolledBack.Count} group(s)");
        if (current?.Migration?.CertificateTrustRestored == true)
        {
            reasons.Add("certificate trust restored for the ring");
        }

        var last = current ?? (rings.Count > 0 ? rings[^1] : null);
        run.Status("aborted", taken.Ring, taken.RingNumber, last?.Counts, last?.Verdict, reasons, []);
        return new RolloutReport(RolloutOutcome.Aborted, [], [], run.KerberosServers, profile?.PolicyId, profile?.Action, rings, rolledBack, probe, run.Analyses, OnPremises: run.OnPremises, Abort: taken).WithinBudget();
    }

    /// <summary>Waits at a gate for <paramref name="eventName"/> or the abort, whichever comes first; the event's payload is read as <typeparamref name="T"/>.</summary>
    private static async Task<(bool Aborted, T? Payload)> WaitOrAbortAsync<T>(RolloutRun run, string eventName)
    {
        if (run.Abort.Requested)
        {
            return (true, default);
        }

        using var cancel = new CancellationTokenSource();
        var answer = run.Context.WaitForExternalEvent<T>(eventName, Timeout.InfiniteTimeSpan, cancel.Token);
        if (await run.Abort.FirstAsync(answer))
        {
            // Withdraw the gate's own wait synchronously, on the workflow's thread, before it goes on.
#pragma warning disable CA1849
            cancel.Cancel();
#pragma warning restore CA1849
            return (true, default);
        }

        return (false, await answer);
    }

    /// <summary>The run's state the phases share: context, plan, the abort watch and where the rollout stands.</summary>
    private sealed class RolloutRun(IWorkflowContext context, RolloutPlan plan, AbortWatch abort, bool rollbackOnAbort)
    {
        public IWorkflowContext Context { get; } = context;

        public RolloutPlan Plan { get; } = plan;

        /// <summary>Gets the rollout's one wait for an abort.</summary>
        public AbortWatch Abort { get; } = abort;

        /// <summary>Gets a value indicating whether an abort removes the groups this run assigned.</summary>
        public bool RollbackOnAbort { get; } = rollbackOnAbort;

        /// <summary>Gets or sets what preflight read on-premises, judged by the plan (null until read, or without an agent).</summary>
        public OnPremisesFindings? OnPremises { get; set; }

        /// <summary>Gets or sets the AD domains whose Kerberos server object preflight found healthy.</summary>
        public IReadOnlyList<string> KerberosDomains { get; set; } = [];

        /// <summary>Gets or sets the Kerberos server health preflight read, for the report.</summary>
        public IReadOnlyList<KerberosDomainHealth> KerberosServers { get; set; } = [];

        /// <summary>Gets or sets the ring analyses as the report carries them.</summary>
        public IReadOnlyList<RingAnalysis>? Analyses { get; set; }

        /// <summary>Gets or sets the profile once ensured.</summary>
        public EnsureProfileResult? Profile { get; set; }

        /// <summary>Gets the phase last shown.</summary>
        public string Phase { get; private set; } = "starting";

        /// <summary>Gets the ring last shown, if any.</summary>
        public string? RingName { get; private set; }

        /// <summary>Gets the number of the ring last shown (0 before the first).</summary>
        public int RingNumber { get; private set; }

        public void Status(string phase, string? ring, int number, RingCounts? counts, GateVerdict? verdict, IEnumerable<string> reasons, IReadOnlyList<string> waitingFor, TicketProbeSummary? tickets = null)
            => Show(RolloutStatus.Create(phase, ring, number, Plan.Rings.Count, counts, verdict, reasons, waitingFor, tickets, OnPremises));

        public void Show(RolloutStatus status)
        {
            (Phase, RingName, RingNumber) = (status.Phase, status.Ring, status.RingNumber);
            Context.SetCustomStatus(status);
        }

        /// <summary>
        /// Starts a polling sub-workflow unless the abort came already (then null), and waits for it; an abort that
        /// arrives first is passed on to it, and it stops at its next poll. Either way its own output is returned: the
        /// caller then takes the abort (<see cref="AbortWatch.Requested"/>) even when the child finished before the abort reached it.
        /// </summary>
        public async Task<T?> UntilAbortAsync<T>(Func<Task<T>> start, string childId)
        {
            if (Abort.Requested)
            {
                return default;
            }

            var child = start();
            if (await Abort.FirstAsync(child))
            {
                Context.SendEvent(childId, RolloutEvents.Abort, Abort.Payload());
            }

            return await child;
        }
    }
}
