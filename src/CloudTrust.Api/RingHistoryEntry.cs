using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Api;

/// <summary>One ring a rollout reached, as <c>GET /api/rollouts/{id}</c> lists it.</summary>
/// <param name="Ring">The ring's name.</param>
/// <param name="Counts">Its device counts at the last poll.</param>
/// <param name="Verdict">The gate's last verdict.</param>
/// <param name="Reasons">The gate's reasons.</param>
/// <param name="ResumedByPerson">Whether a person resumed it after a failed gate.</param>
/// <param name="Polls">How often its status was read.</param>
public sealed record RingHistoryEntry(string Ring, RingCounts? Counts, GateVerdict? Verdict, IReadOnlyList<string> Reasons, bool ResumedByPerson, int Polls)
{
    /// <summary>Describes a ring of the rollout's report.</summary>
    /// <param name="ring">The ring's report.</param>
    /// <returns>The entry.</returns>
    public static RingHistoryEntry From(RingReport ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return new RingHistoryEntry(ring.Name, ring.Counts, ring.Verdict, ring.Reasons ?? [], ring.ResumedByPerson, ring.Polls);
    }
}
