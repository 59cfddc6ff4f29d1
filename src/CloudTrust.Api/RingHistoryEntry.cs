using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Api;

/// <summary>One ring a rollout reached, as <c>GET /api/rollouts/{id}</c> lists it.</summary>
/// <param name="Ring">The ring's name.</param>
/// <param name="Counts">Its device counts at the last poll.</param>
/// <param name="Verdict">The gate's last verdict.</param>
/// <param name="Reasons">The gate's reasons.</param>
/// <param name="ResumedByPerson">Whether a person resumed it after a failed gate.</param>
/// <param name="Polls">How often its status was read.</param>
/// <param name="Tickets">Its ticket probe counts, when it gated on tickets.</param>
/// <param name="TicketCauses">Its causes of devices without tickets, with counts and the admin's actions.</param>
public sealed record RingHistoryEntry(string Ring, RingCounts? Counts, GateVerdict? Verdict, IReadOnlyList<string> Reasons, bool ResumedByPerson, int Polls, TicketCounts? Tickets = null, IReadOnlyList<TicketCauseCount>? TicketCauses = null)
{
    /// <summary>Describes a ring of the rollout's report.</summary>
    /// <param name="ring">The ring's report.</param>
    /// <returns>The entry.</returns>
    public static RingHistoryEntry From(RingReport ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return new RingHistoryEntry(ring.Name, ring.Counts, ring.Verdict, ring.Reasons ?? [], ring.ResumedByPerson, ring.Polls, ring.Tickets?.Counts, ring.Tickets?.Causes);
    }
}
