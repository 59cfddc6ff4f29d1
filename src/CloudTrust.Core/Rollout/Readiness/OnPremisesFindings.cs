using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Preview;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Readiness;

/// <summary>
/// What the preflight's on-premises read found, judged by the plan's <c>readiness</c> setting, in a bounded form the
/// rollout's custom status (16 KB), its report, <c>rollout status</c> and the HTML report carry: sites whose domain
/// controllers cannot serve cloud Kerberos trust, and ring users the Kerberos server object's Password Replication
/// Policy denies — at most <see cref="MaxNamed"/> of each named, with their counts.
/// </summary>
/// <param name="DomainControllers">What a site problem does: <c>block</c> or <c>warn</c>.</param>
/// <param name="PrivilegedUsers">What a denied user does: <c>block</c> or <c>warn</c>.</param>
/// <param name="Sites">The first site problems (or domains whose controllers could not be read).</param>
/// <param name="SiteCount">How many site problems there are in all.</param>
/// <param name="Privileged">The first denied users: <c>upn (ring R, domain: group path)</c>.</param>
/// <param name="PrivilegedCount">How many ring users are denied in all.</param>
/// <param name="UsersChecked">How many ring users were checked.</param>
/// <param name="Errors">Rings whose users could not be checked, and why (the first few).</param>
public sealed record OnPremisesFindings(
    string DomainControllers,
    string PrivilegedUsers,
    IReadOnlyList<string> Sites,
    int SiteCount,
    IReadOnlyList<string> Privileged,
    int PrivilegedCount,
    int UsersChecked,
    IReadOnlyList<string> Errors)
{
    /// <summary>The most site problems and denied users the findings name.</summary>
    public const int MaxNamed = 10;

    private const int MaxLineLength = 300;

    /// <summary>Judges what the agent read.</summary>
    /// <param name="preview">The on-premises read.</param>
    /// <param name="policy">The plan's <c>readiness</c> setting.</param>
    /// <returns>The bounded findings.</returns>
    public static OnPremisesFindings From(OnPremisesPreview preview, OnPremisesReadinessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(policy);
        var sites = BoundedList.Of(preview.Blockers, MaxNamed, MaxLineLength);
        var denied = preview.Rings.SelectMany(r => r.Denied.Select(u => $"{u.UserPrincipalName} (ring {r.Ring}, {u.Domain}: {string.Join("; ", u.DeniedGroups)})"));
        var named = BoundedList.Of(denied, MaxNamed, MaxLineLength);
        var errors = BoundedList.Of(preview.Rings.SelectMany(r => r.Errors.Select(e => $"ring {r.Ring}: {e}")), 3, MaxLineLength);
        return new OnPremisesFindings(
            OnPremisesReadinessPolicy.Name(policy.DomainControllers),
            OnPremisesReadinessPolicy.Name(policy.PrivilegedUsers),
            sites.Items,
            sites.Total,
            named.Items,
            preview.Rings.Sum(r => r.DeniedCount),
            preview.Rings.Sum(r => r.UsersChecked),
            errors.Items);
    }

    /// <summary>Gets the findings that stop the rollout (the plan says <c>block</c> for them).</summary>
    /// <returns>One line per site problem, then one for the denied users.</returns>
    public IReadOnlyList<string> Blockers() => [.. Lines(block: true)];

    /// <summary>Gets the findings the rollout goes on with (the plan says <c>warn</c>, or the users could not be checked).</summary>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> Warnings() => [.. Lines(block: false), .. Errors.Select(e => "privileged users not checked: " + e)];

    /// <summary>Gets a copy that fits a smaller budget: at most <paramref name="count"/> names of each kind.</summary>
    /// <param name="count">How many to keep.</param>
    /// <returns>The copy (counts kept).</returns>
    public OnPremisesFindings Cut(int count) => this with { Sites = [.. Sites.Take(count)], Privileged = [.. Privileged.Take(count)], Errors = [.. Errors.Take(count)] };

    private IEnumerable<string> Lines(bool block)
    {
        if ((DomainControllers == "block") == block)
        {
            foreach (var site in Sites)
            {
                yield return $"domain controllers: {site}";
            }

            if (SiteCount > Sites.Count)
            {
                yield return $"domain controllers: {StatusBudget.AndMore(SiteCount - Sites.Count)} site problem(s) (the plan preview lists them)";
            }
        }

        if ((PrivilegedUsers == "block") == block && PrivilegedCount > 0)
        {
            var more = PrivilegedCount > Privileged.Count ? $"; {StatusBudget.AndMore(PrivilegedCount - Privileged.Count)}" : string.Empty;
            yield return $"privileged users: {PrivilegedCount} of {UsersChecked} ring user(s) are members of groups the Kerberos server object's Password Replication Policy denies and will not get cloud Kerberos tickets: {string.Join(", ", Privileged)}{more}";
        }
    }
}
