namespace CloudTrust.Core.Kerberos;

/// <summary>Whether every AD site of a domain has a writable domain controller running Windows Server 2016 or later.</summary>
/// <param name="Domain">The domain's DNS name.</param>
/// <param name="Sites">One entry per site.</param>
/// <param name="IsReady">True when every site is ready.</param>
public sealed record DomainPrerequisites(string Domain, IReadOnlyList<SiteReadiness> Sites, bool IsReady)
{
    /// <summary>Applies the rule to the domain controllers found.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <param name="controllers">Every DC of the domain.</param>
    /// <returns>The verdict per site and overall.</returns>
    public static DomainPrerequisites Evaluate(string domain, IEnumerable<DomainController> controllers)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        var sites = controllers
            .GroupBy(dc => dc.Site, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var dcs = g.OrderBy(dc => dc.HostName, StringComparer.OrdinalIgnoreCase).ToList();
                var serving = dcs.Count(dc => dc.CanServeCloudTrust);
                return new SiteReadiness(g.Key, dcs, serving, serving > 0);
            })
            .ToList();
        return new DomainPrerequisites(domain, sites, sites.Count > 0 && sites.All(s => s.IsReady));
    }
}

/// <summary>The domain controllers of one site and whether enough of them can serve cloud Kerberos trust.</summary>
/// <param name="Site">The site name.</param>
/// <param name="DomainControllers">Its DCs.</param>
/// <param name="ServingControllers">How many are writable and Windows Server 2016 or later.</param>
/// <param name="IsReady">True when at least one is.</param>
public sealed record SiteReadiness(string Site, IReadOnlyList<DomainController> DomainControllers, int ServingControllers, bool IsReady);
