using System.Globalization;
using CloudTrust.Core.Rollout.Readiness;

namespace CloudTrust.Cli.Commands;

/// <summary>How <c>rollout status</c> shows what preflight read on-premises: the plan's severities, then what blocks and what warns.</summary>
internal static class OnPremisesFindingsText
{
    /// <summary>The lines; none before preflight read on-premises (or without an agent).</summary>
    /// <param name="findings">The findings.</param>
    /// <returns>The lines, unindented.</returns>
    public static IEnumerable<string> Lines(OnPremisesFindings? findings)
    {
        if (findings is null)
        {
            yield break;
        }

        var blockers = findings.Blockers();
        var warnings = findings.Warnings();
        yield return string.Create(CultureInfo.InvariantCulture,
            $"on-premises readiness (domain controllers: {findings.DomainControllers}, privileged users: {findings.PrivilegedUsers}): {findings.SiteCount} site problem(s), {findings.PrivilegedCount} of {findings.UsersChecked} ring user(s) denied by the object's policy");
        foreach (var line in blockers)
        {
            yield return "  blocks: " + line;
        }

        foreach (var line in warnings)
        {
            yield return "  warns: " + line;
        }
    }
}
