using CloudTrust.Core.Kerberos;

namespace CloudTrust.Core.Rollout.Preview;

/// <summary>
/// What on-premises AD says about the plan: each domain's domain controllers per site (a site without a writable DC on
/// Windows Server 2016 or later blocks, Microsoft's deployment guide requiring enough writable DCs in every site where
/// users authenticate), and per ring the users the Kerberos server object's Password Replication Policy denies (they
/// will not get cloud Kerberos tickets; a warning, since relaxing the policy is not recommended).
/// </summary>
/// <param name="Domains">One entry per plan domain.</param>
/// <param name="Rings">One entry per ring.</param>
public sealed record OnPremisesPreview(IReadOnlyList<DomainReadinessPreview> Domains, IReadOnlyList<RingPrivilegedUsers> Rings)
{
    /// <summary>Gets what blocks the rollout: sites that cannot serve cloud Kerberos trust, and domains that could not be read.</summary>
    public IEnumerable<string> Blockers => Domains.SelectMany(d => d.Problems);

    /// <summary>Gets what the rollout would go ahead with but should be known: the denied users.</summary>
    public IEnumerable<string> Warnings => Rings.Where(r => r.DeniedCount > 0).Select(r =>
        $"ring '{r.Ring}': {r.DeniedCount} user(s) are members of groups the Kerberos server object's Password Replication Policy denies and will not get cloud Kerberos tickets: "
        + string.Join(", ", r.Denied.Take(5).Select(u => $"{u.UserPrincipalName} ({string.Join(", ", u.DeniedGroups)})")) + (r.DeniedCount > 5 ? $" and {r.DeniedCount - 5} more" : string.Empty));

    /// <summary>Gets the preview with at most <paramref name="maxNamed"/> denied users named per ring (their count kept).</summary>
    /// <param name="maxNamed">How many to name per ring.</param>
    /// <returns>The bounded preview.</returns>
    public OnPremisesPreview Bounded(int maxNamed)
        => this with { Rings = [.. Rings.Select(r => r with { Denied = [.. r.Denied.Take(maxNamed)], Total = r.DeniedCount, Errors = [.. r.Errors.Take(maxNamed)] })] };
}

/// <summary>One domain's domain controllers as the agent read them.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Prerequisites">The verdict per site; null when it could not be read.</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record DomainReadinessPreview(string Domain, DomainPrerequisites? Prerequisites, string? Error)
{
    /// <summary>Gets one line per site that cannot serve cloud Kerberos trust (or the read error).</summary>
    public IEnumerable<string> Problems => Error is not null
        ? [$"domain controllers of {Domain} could not be read: {Error}"]
        : (Prerequisites?.Sites ?? []).Where(s => !s.IsReady).Select(s =>
            $"{Domain} site '{s.Site}' has no writable domain controller on Windows Server 2016 or later: "
            + string.Join(", ", s.DomainControllers.Select(dc => $"{dc.HostName} ({(dc.IsWritable ? string.Empty : "read-only, ")}{dc.OperatingSystem}, build {dc.OperatingSystemBuild})")));
}

/// <summary>A ring's users that the object's Password Replication Policy denies.</summary>
/// <param name="Ring">The ring.</param>
/// <param name="UsersChecked">How many of the ring's users were checked.</param>
/// <param name="Denied">The denied users.</param>
/// <param name="Errors">Domains that could not be asked, and why.</param>
/// <param name="Total">How many users are denied when <paramref name="Denied"/> names only some (a bounded copy); null when it names all.</param>
public sealed record RingPrivilegedUsers(string Ring, int UsersChecked, IReadOnlyList<PrivilegedUserFinding> Denied, IReadOnlyList<string> Errors, int? Total = null)
{
    /// <summary>Gets how many users the policy denies in all.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int DeniedCount => Total ?? Denied.Count;
}

/// <summary>One denied user.</summary>
/// <param name="UserPrincipalName">The user.</param>
/// <param name="Domain">The domain whose object denies the user.</param>
/// <param name="DeniedGroups">The denied groups the user is in, each as a membership path.</param>
/// <param name="PolicyFromObject">False when the domain has no object yet and its default policy was assumed.</param>
public sealed record PrivilegedUserFinding(string UserPrincipalName, string Domain, IReadOnlyList<string> DeniedGroups, bool PolicyFromObject);
