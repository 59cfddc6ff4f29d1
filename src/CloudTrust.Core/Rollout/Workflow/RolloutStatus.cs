using System.Text.Json.Serialization;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// The rollout's custom status: always the phase, ring, counts and gate verdict, and a bounded sample of the reasons
/// with how many there were (Durable caps a custom status at 16 KB of UTF-16 JSON, see <see cref="StatusBudget"/>;
/// the full lists are in the <see cref="RolloutReport"/>). Build it with <see cref="Create"/>, which bounds it.
/// </summary>
/// <param name="Phase">For example <c>preflight</c>, <c>verifying</c>, <c>paused</c>, <c>awaitingApproval</c>, <c>done</c>.</param>
/// <param name="Ring">The current ring's name, if any.</param>
/// <param name="RingNumber">The current ring, counting from 1 (0 before the first).</param>
/// <param name="RingCount">How many rings the plan has.</param>
/// <param name="Counts">The current ring's last counts.</param>
/// <param name="Verdict">The last gate verdict.</param>
/// <param name="Reasons">The first of the gate's (or preflight's) reasons, each cut to <see cref="StatusBudget.MaxItemLength"/> characters.</param>
/// <param name="WaitingFor">The events the rollout waits for, if any.</param>
/// <param name="ReasonCount">How many reasons there were in all (at least <see cref="Reasons"/>' count; 0 in a status written before it was counted).</param>
/// <param name="Tickets">The current ring's ticket probe counts, when the ring gates on tickets.</param>
/// <param name="TicketCauses">The current ring's top causes of devices without tickets, with counts and the admin's action (at most <see cref="MaxCauses"/>).</param>
/// <param name="OnPremises">What preflight read on-premises (domain controllers per site, privileged ring users), once read; bounded.</param>
public sealed record RolloutStatus(
    string Phase,
    string? Ring,
    int RingNumber,
    int RingCount,
    RingCounts? Counts,
    GateVerdict? Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> WaitingFor,
    int ReasonCount = 0,
    TicketCounts? Tickets = null,
    IReadOnlyList<TicketCauseCount>? TicketCauses = null,
    OnPremisesFindings? OnPremises = null)
{
    /// <summary>The most causes the status carries (there are eight kinds).</summary>
    public const int MaxCauses = 8;

    /// <summary>The most characters a ring name keeps in the status.</summary>
    public const int MaxRingNameLength = 100;

    /// <summary>Gets how many reasons the status leaves out (the report has them).</summary>
    [JsonIgnore]
    public int MoreReasons => Math.Max(0, ReasonCount - (Reasons?.Count ?? 0));

    /// <summary>Gets the reasons as a reader sees them: the sample, then <c>and K more (…)</c> when the status left some out.</summary>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> ReasonLines()
        => MoreReasons > 0 ? [.. Reasons, $"{StatusBudget.AndMore(MoreReasons)} (the status names the first {Reasons.Count}; the rollout's report has the rest)"] : Reasons;

    /// <summary>
    /// Builds a status that fits Durable's limit whatever it is given: the first <see cref="StatusBudget.SampleSize"/>
    /// reasons, each cut, and their count; should that still be too large (texts the JSON writer escapes), the ticket
    /// causes' actions cut, fewer reasons, then none, then the actions dropped (readers have them from the cause), the
    /// causes dropped (the counts stay), then a cut ring name.
    /// </summary>
    /// <param name="phase">The phase.</param>
    /// <param name="ring">The ring's name.</param>
    /// <param name="ringNumber">The ring's number, from 1.</param>
    /// <param name="ringCount">How many rings.</param>
    /// <param name="counts">The ring's counts.</param>
    /// <param name="verdict">The gate verdict.</param>
    /// <param name="reasons">Every reason.</param>
    /// <param name="waitingFor">The events waited for.</param>
    /// <param name="tickets">The ring's last ticket probe read, when the ring gates on tickets.</param>
    /// <param name="onPremises">What preflight read on-premises, once read.</param>
    /// <returns>The status, within <see cref="StatusBudget.MaxCustomStatusBytes"/>.</returns>
    public static RolloutStatus Create(string phase, string? ring, int ringNumber, int ringCount, RingCounts? counts, GateVerdict? verdict, IEnumerable<string> reasons, IReadOnlyList<string> waitingFor, TicketProbeSummary? tickets = null, OnPremisesFindings? onPremises = null)
    {
        var sample = BoundedList.Of(reasons);
        var status = new RolloutStatus(phase, ring, ringNumber, ringCount, counts, verdict, sample.Items, waitingFor, sample.Total, tickets?.Counts, tickets?.Causes is { } causes ? [.. causes.Take(MaxCauses)] : null, onPremises);
        return StatusBudget.Fit(
            status,
            s => s with { OnPremises = s.OnPremises?.Cut(5) },
            s => s with { TicketCauses = s.TicketCauses?.Select(c => c with { Action = StatusBudget.Truncate(c.Action, 200) }).ToList() },
            s => s with { Reasons = [.. s.Reasons.Take(10)] },
            s => s with { Reasons = [.. s.Reasons.Take(5)] },
            s => s with { Reasons = [] },
            s => s with { TicketCauses = s.TicketCauses?.Select(c => c with { Action = string.Empty }).ToList() },
            s => s with { TicketCauses = null },
            s => s with { OnPremises = s.OnPremises?.Cut(0) },
            s => s with { Ring = s.Ring is null ? null : StatusBudget.Truncate(s.Ring, MaxRingNameLength), WaitingFor = [.. s.WaitingFor.Take(4).Select(w => StatusBudget.Truncate(w, 40))] });
    }
}
