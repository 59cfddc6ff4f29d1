using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>
/// The change that unblocks a ring its ticket evidence holds: the action for the cause most of its devices without
/// tickets share. Status readers (the command line, the HTTP view, the HTML report) lead with it.
/// </summary>
public static class TicketNextAction
{
    /// <summary>Gets the next action for a status, when its ring's gate holds it on tickets.</summary>
    /// <param name="status">The rollout's (or its ring's) status.</param>
    /// <returns>The action in one line, or null when tickets do not hold the ring.</returns>
    public static string? For(RolloutStatus? status)
    {
        if (status?.TicketCauses is not { Count: > 0 } causes || status.Reasons is not { Count: > 0 } reasons || !reasons[0].StartsWith("tickets:", StringComparison.Ordinal))
        {
            return null;
        }

        var top = causes.Where(c => c.Cause != TicketFailureCause.Unknown).DefaultIfEmpty(causes[0]).MaxBy(c => c.Count)!;
        return $"ring '{status.Ring}' is held by ticket evidence; most devices without tickets: {TicketCauseActions.Title(top.Cause)} ({top.Count}): {top.Action}";
    }
}
