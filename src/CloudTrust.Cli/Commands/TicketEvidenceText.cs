using System.Globalization;
using CloudTrust.Core.Rollout.Tickets;

namespace CloudTrust.Cli.Commands;

/// <summary>How <c>rollout status</c> shows a ring's ticket evidence: the counts, then each cause with its count and action.</summary>
internal static class TicketEvidenceText
{
    /// <summary>The lines for one ring's ticket evidence; none when the ring does not gate on tickets.</summary>
    /// <param name="tickets">The ring's ticket counts.</param>
    /// <param name="causes">Its causes of devices without tickets.</param>
    /// <returns>The lines, unindented.</returns>
    public static IEnumerable<string> Lines(TicketCounts? tickets, IReadOnlyList<TicketCauseCount>? causes)
    {
        if (tickets is null)
        {
            yield break;
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"tickets: {tickets.Working}/{tickets.Reported} reporting device(s) hold CloudTgt and OnPremTgt ({tickets.WorkingShare:P1}); {tickets.OnPremTgtMissing} without OnPremTgt, {tickets.CloudTgtMissing} without CloudTgt, {tickets.Unknown} unreadable");
        foreach (var cause in causes ?? [])
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {cause.Count,5}  {TicketCauseActions.Title(cause.Cause)}: {(cause.Action is { Length: > 0 } action ? action : TicketCauseActions.Action(cause.Cause))}");
        }
    }
}
