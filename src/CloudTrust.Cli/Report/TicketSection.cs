using System.Globalization;
using System.Net;
using CloudTrust.Core.Rollout.Tickets;

namespace CloudTrust.Cli.Report;

/// <summary>
/// The HTML report's ticket parts: the next action first, then per ring its ticket counts, its causes with counts and
/// actions, and its failing devices with their cause. Every value is HTML-encoded (device names and probe evidence are
/// text from devices).
/// </summary>
internal static class TicketSection
{
    /// <summary>Writes the next action, when a ring is held by its ticket evidence.</summary>
    /// <param name="report">The report.</param>
    /// <param name="html">Where to write.</param>
    public static void WriteNextAction(RunReport report, TextWriter html)
    {
        if (report.NextAction is { } next)
        {
            html.WriteLine($"<p id=\"next-action\" class=\"next\"><b>Next action:</b> {E(next)}</p>");
        }
    }

    /// <summary>Writes each ring's ticket evidence.</summary>
    /// <param name="report">The report.</param>
    /// <param name="html">Where to write.</param>
    public static void Write(RunReport report, TextWriter html)
    {
        if (report.Tickets is not { Count: > 0 } rings)
        {
            return;
        }

        html.WriteLine("<h2>Ticket evidence</h2><p class=\"meta\">Devices of each ring that ran the ticket probe, and for those without both CloudTgt and OnPremTgt, the one cause their evidence points to and what to do.</p>");
        foreach (var ring in rings)
        {
            var s = ring.Summary;
            html.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<h3>{E(ring.Ring)}</h3><p class=\"ticket-counts\" data-ring=\"{E(ring.Ring)}\"><span class=\"working\">{s.Working}</span> of <span class=\"reported\">{s.Reported}</span> reporting device(s) hold both tickets ({s.Counts.WorkingShare:P1}); {s.OnPremTgtMissing} without OnPremTgt, {s.CloudTgtMissing} without CloudTgt, {s.Unknown} unreadable.</p>"));
            if (s.Causes is { Count: > 0 } causes)
            {
                html.WriteLine("<table class=\"ticket-causes\"><tr><th>cause</th><th>devices</th><th>next action</th></tr>");
                foreach (var cause in causes)
                {
                    html.WriteLine($"<tr class=\"ticket-cause\" data-cause=\"{cause.Cause}\"><td>{E(TicketCauseActions.Title(cause.Cause))}</td><td class=\"count\">{cause.Count}</td><td>{E(cause.Action)}</td></tr>");
                }

                html.WriteLine("</table>");
            }

            if (s.Failing is { Count: > 0 } failing)
            {
                html.WriteLine("<table class=\"ticket-failing\"><tr><th>device</th><th>cause</th><th>evidence</th></tr>");
                foreach (var device in failing)
                {
                    html.WriteLine($"<tr class=\"ticket-device\"><td class=\"device-name\">{E(device.DeviceName)}</td><td>{E(TicketCauseActions.Title(device.Cause))}</td><td>{E(device.Detail)}</td></tr>");
                }

                html.WriteLine("</table>");
            }
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
