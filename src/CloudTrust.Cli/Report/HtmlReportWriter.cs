using System.Globalization;
using System.Net;
using CloudTrust.Cli.Preview;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Cli.Report;

/// <summary>
/// Writes a <see cref="RunReport"/> as one self-contained HTML page: inline CSS and SVG, no script, no external
/// asset. Every value from the tenant or the journal is HTML-encoded (device names are attacker-controlled text).
/// </summary>
internal static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:32px;color:#1d1d1f;max-width:1160px}
        h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
        .meta{color:#555;font-size:13px}table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top}th{background:#f5f5f7}
        .bar{display:flex;height:14px;width:200px;border-radius:3px;overflow:hidden;background:#eee}
        .ok{background:#2e7d32}.pend{background:#f9a825}.bad{background:#c62828}.na{background:#9e9e9e}
        .verdict-Pass{color:#2e7d32;font-weight:600}.verdict-Fail{color:#c62828;font-weight:600}.verdict-Wait{color:#f57f17}.verdict-Done{color:#2e7d32}
        .healthy{color:#2e7d32;font-weight:600}.unhealthy,.missing,.unreachable{color:#c62828;font-weight:600}
        ul{margin:4px 0;padding-left:18px;min-width:260px}.legend{font-size:12px;color:#555}
        .next{background:#fff3e0;border-left:4px solid #ef6c00;padding:8px 12px}h3{font-size:15px;margin:16px 0 4px}
        .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;border-radius:2px}.key:first-child{margin-left:0}
        """;

    /// <summary>Writes the page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="html">Where to write it.</param>
    public static void Write(RunReport report, TextWriter html)
    {
        html.WriteLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.WriteLine($"<title>CloudTrust rollout {E(report.RolloutId)}</title><style>{Style}</style></head><body>");
        html.WriteLine($"<h1>WHfB cloud Kerberos trust rollout</h1><p class=\"meta\">rollout <b id=\"rollout-id\">{E(report.RolloutId)}</b> · status <b id=\"rollout-status\">{E(report.Status)}</b> · phase <b id=\"rollout-phase\">{E(report.Phase)}</b>{(report.Outcome is null ? string.Empty : $" · outcome <b id=\"rollout-outcome\">{E(report.Outcome)}</b>")}{(report.Abort is null ? string.Empty : $" · <b id=\"rollout-abort\">{E(report.Abort.Describe())}</b>")} · started {Time(report.CreatedAt)} · last change {Time(report.UpdatedAt)}</p>");

        TicketSection.WriteNextAction(report, html);
        html.WriteLine("<h2>Rings</h2><table id=\"rings\"><tr><th>ring</th><th>progress</th><th>targeted</th><th>succeeded</th><th>errors</th><th>conflicts</th><th>pending</th><th>not applicable</th><th>gate</th><th>reasons</th></tr>");
        foreach (var ring in report.Rings)
        {
            html.WriteLine($"<tr class=\"ring\" data-ring=\"{E(ring.Name)}\"><td>{E(ring.Name)}</td><td>{Bar(ring)}</td><td class=\"targeted\">{ring.Targeted}</td><td class=\"succeeded\">{ring.Succeeded}</td><td class=\"errors\">{ring.Errors}</td><td class=\"conflicts\">{ring.Conflicts}</td><td class=\"pending\">{ring.Pending}</td><td class=\"not-applicable\">{ring.NotApplicable}</td>"
                + $"<td class=\"verdict verdict-{E(ring.Verdict)}\">{E(ring.Verdict)}{(ring.ResumedByPerson ? " (resumed by a person)" : string.Empty)}</td><td>{List(ring.Reasons)}</td></tr>");
        }

        html.WriteLine("</table><p class=\"legend\"><span class=\"key ok\"></span>succeeded <span class=\"key bad\"></span>error or conflict <span class=\"key pend\"></span>pending <span class=\"key na\"></span>not applicable</p>");
        TicketSection.Write(report, html);
        OnPremisesSection.Write(report, html);
        Precedence(report, html);
        html.WriteLine("<h2>Each ring's progress</h2>");
        html.WriteLine(RingProgressChart.Svg(report.RingProgress));
        html.WriteLine("<h2>Device states over time</h2>");
        html.WriteLine(StateChart.Svg(report.Timeline));

        html.WriteLine("<h2>Kerberos server objects</h2><table id=\"kerberos\"><tr><th>domain</th><th>state</th><th>key version (cloud)</th><th>key age</th><th>last rotation</th><th>problems</th></tr>");
        foreach (var row in report.Kerberos)
        {
            var s = row.Status;
            html.WriteLine($"<tr class=\"domain\" data-domain=\"{E(s.Domain)}\"><td>{E(s.Domain)}</td><td class=\"{E(s.State)}\">{E(s.State)}</td><td class=\"key-version\">{(s.KeyVersion is { } v ? $"{v} ({s.CloudKeyVersion?.ToString(CultureInfo.InvariantCulture) ?? (s.CloudHalf is null ? "—" : "cloud half not read")})" : "— (not read)")}</td><td>{(s.KeyAgeDays is { } age ? age.ToString("0.0", CultureInfo.InvariantCulture) + " days" : "—")}</td>"
                + $"<td>{(row.LastRotation is { } at ? Time(at) + " " + E(row.LastOutcome ?? string.Empty) : "never")}</td><td>{List(s.Problems)}</td></tr>");
        }

        html.WriteLine("</table>");
        html.WriteLine($"<h2>Failing devices</h2><p class=\"meta\"><span id=\"failing-count\">{report.FailingDevices.Count + report.MoreFailing}</span> device(s) in error or conflict{(report.MoreFailing > 0 ? $"; {report.FailingDevices.Count} named here, <span id=\"failing-more\">{report.MoreFailing}</span> more not named (the rollout names at most {RolloutWorkflow.SampleLimit} per ring and status read; Intune's device status report for the profile lists them all)" : string.Empty)}.</p>");
        html.WriteLine("<table id=\"failing\"><tr><th>ring</th><th>device</th><th>reason (policy state)</th><th>device id</th></tr>");
        foreach (var device in report.FailingDevices)
        {
            html.WriteLine($"<tr class=\"failing-device\"><td>{E(device.Ring)}</td><td class=\"device-name\">{E(device.DeviceName)}</td><td>{E(device.State)}</td><td>{E(device.DeviceId)}</td></tr>");
        }

        html.WriteLine("</table><p class=\"meta\">Generated by cloudtrust report. No secret is ever part of a report.</p></body></html>");
    }

    /// <summary>Each ring's trust model before and after, its sources strongest first, its findings and its migration steps.</summary>
    private static void Precedence(RunReport report, TextWriter html)
    {
        html.WriteLine("<h2>WHfB sources and migration</h2>");
        if (report.Precedence.Count == 0)
        {
            // In flight: preflight's reading of the sources is part of the rollout's report, written when it finishes.
            html.WriteLine("<p class=\"meta\" id=\"precedence-pending\">The rollout has not finished: each ring's WHfB sources and the one that wins are listed here once it has. 'cloudtrust plan' with the same plan reads them now, writing nothing.</p>");
            return;
        }

        html.WriteLine("<table id=\"precedence\"><tr><th>ring</th><th>trust model</th><th>sources, strongest first</th><th>findings</th><th>migration (✗ cannot be undone)</th></tr>");
        foreach (var analysis in report.Precedence)
        {
            var p = analysis.Precedence;
            var steps = analysis.Migration.Steps.Select(s => (s.Reversible ? string.Empty : "✗ ") + s.Description).ToList();
            html.WriteLine($"<tr class=\"ring-precedence\" data-ring=\"{E(p.Ring)}\"><td>{E(p.Ring)}</td><td class=\"models\">{E(RingAnalysisText.Model(p.Current.Model))} → {E(RingAnalysisText.Model(p.Planned))}</td>"
                + $"<td>{List([.. p.Sources.Select(s => s.Label)], analysis.Totals?.Sources)}</td><td class=\"findings\">{List([.. p.Findings.Select(f => f.ToString())], analysis.Totals?.Findings)}</td><td>{List(steps, analysis.Totals?.Steps)}</td></tr>");
        }

        html.WriteLine("</table>");
    }

    private static string Bar(RingRow ring)
    {
        var total = Math.Max(1, ring.Targeted);
        string Part(string css, int count, string title) => count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"<span class=\"{css}\" style=\"width:{100.0 * count / total:0.##}%\" title=\"{count} {title}\"></span>");
        return "<div class=\"bar\">" + Part("ok", ring.Succeeded, "succeeded") + Part("bad", ring.Errors + ring.Conflicts, "error or conflict") + Part("pend", ring.Pending, "pending") + Part("na", ring.NotApplicable, "not applicable") + "</div>";
    }

    /// <summary>The first eight items, then how many more there are (of <paramref name="total"/> when the list was cut before, for example by the rollout's report).</summary>
    private static string List(IReadOnlyList<string> items, int? total = null)
    {
        var more = Math.Max(total ?? items.Count, items.Count) - Math.Min(8, items.Count);
        return items.Count == 0 && more == 0 ? string.Empty : "<ul>" + string.Concat(items.Take(8).Select(i => $"<li>{E(i)}</li>")) + (more > 0 ? $"<li class=\"more\">… and {more} more</li>" : string.Empty) + "</ul>";
    }

    private static string Time(DateTimeOffset at) => E(at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
