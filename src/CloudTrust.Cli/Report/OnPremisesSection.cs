using System.Globalization;
using System.Net;

namespace CloudTrust.Cli.Report;

/// <summary>
/// The HTML report's on-premises readiness as preflight read it through the agent: the plan's severities, the sites
/// whose domain controllers cannot serve cloud Kerberos trust and the ring users the Kerberos server object's Password
/// Replication Policy denies (named up to the status's bound, with their count). Every value is HTML-encoded.
/// </summary>
internal static class OnPremisesSection
{
    /// <summary>Writes the section; nothing before preflight read on-premises.</summary>
    /// <param name="report">The report.</param>
    /// <param name="html">Where to write.</param>
    public static void Write(RunReport report, TextWriter html)
    {
        if (report.OnPremises is not { } findings)
        {
            return;
        }

        html.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"<h2>On-premises readiness</h2><p class=\"meta\" id=\"on-premises\">domain controllers: <b class=\"severity-dc\">{E(findings.DomainControllers)}</b> · privileged users: <b class=\"severity-privileged\">{E(findings.PrivilegedUsers)}</b> · <span class=\"site-problems\">{findings.SiteCount}</span> site problem(s) · <span class=\"privileged-count\">{findings.PrivilegedCount}</span> of {findings.UsersChecked} ring user(s) denied by the object's Password Replication Policy (they will not get cloud Kerberos tickets)</p>"));
        if (findings.Sites.Count > 0)
        {
            html.WriteLine("<ul class=\"site-problems\">" + string.Concat(findings.Sites.Select(s => $"<li>{E(s)}</li>")) + "</ul>");
        }

        if (findings.Privileged.Count > 0)
        {
            var more = findings.PrivilegedCount - findings.Privileged.Count;
            html.WriteLine("<ul class=\"privileged-users\">" + string.Concat(findings.Privileged.Select(u => $"<li class=\"privileged-user\">{E(u)}</li>"))
                + (more > 0 ? string.Create(CultureInfo.InvariantCulture, $"<li>and {more} more</li>") : string.Empty) + "</ul>");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
