using CloudTrust.Core.Precedence;

namespace CloudTrust.Core.GroupPolicy;

/// <summary>
/// Turns the agent's <see cref="HelloGroupPolicy"/> list into the precedence analysis's <see cref="HelloSource"/>s:
/// one source per GPO side (computer configuration = <see cref="HelloScope.Device"/>, user configuration =
/// <see cref="HelloScope.User"/>) that is enabled, sets a trust-model value and has an enabled link;
/// <see cref="HelloSource.Where"/> names the links. Disabled links and sides apply nothing and are left out.
/// </summary>
public static class HelloGroupPolicySources
{
    private static readonly HashSet<string> EveryComputer = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authenticated Users", "NT AUTHORITY\\Authenticated Users", "Domain Computers", "Everyone",
    };

    /// <summary>Maps every GPO side with an enabled link, wherever it is linked.</summary>
    /// <param name="policies">The GPOs the agent listed.</param>
    /// <returns>The sources, one per GPO side.</returns>
    public static IReadOnlyList<HelloSource> From(IEnumerable<HelloGroupPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var sources = new List<HelloSource>();
        foreach (var gpo in policies)
        {
            var links = gpo.Links.Where(l => l.Enabled).ToList();
            if (links.Count == 0)
            {
                continue;
            }

            if (AppliesComputerSide(gpo))
            {
                sources.Add(Source(gpo, HelloScope.Device, links));
            }

            if (AppliesUserSide(gpo))
            {
                sources.Add(Source(gpo, HelloScope.User, links));
            }
        }

        return sources;
    }

    /// <summary>
    /// Finds the GPOs whose computer configuration reaches a ring's devices: an enabled link whose computers include
    /// one of <paramref name="deviceNames"/> (hybrid-joined devices carry their computer's name; a DNS suffix is
    /// ignored, case too). User configuration, truncated computer lists and narrowed security filtering cannot be
    /// decided from the device names and come back as <see cref="GroupPolicyCoverage.Uncertain"/>.
    /// </summary>
    /// <param name="policies">The GPOs the agent listed.</param>
    /// <param name="deviceNames">The ring's device names.</param>
    /// <returns>The covering and the undecided sources.</returns>
    public static GroupPolicyCoverage Covering(IEnumerable<HelloGroupPolicy> policies, IEnumerable<string> deviceNames)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(deviceNames);
        var devices = new HashSet<string>(deviceNames.Select(ComputerName).Where(n => n.Length > 0), StringComparer.OrdinalIgnoreCase);
        var covering = new List<HelloSource>();
        var uncertain = new List<UncertainGroupPolicy>();
        foreach (var gpo in policies)
        {
            var links = gpo.Links.Where(l => l.Enabled).ToList();
            if (links.Count == 0)
            {
                continue;
            }

            if (AppliesComputerSide(gpo))
            {
                var hit = links.Where(l => l.Computers.Any(c => devices.Contains(ComputerName(c)))).ToList();
                var truncated = links.Where(l => l.ComputersTruncated && !hit.Contains(l)).ToList();
                if (hit.Count > 0 && Filtered(gpo) is { } trustees)
                {
                    uncertain.Add(new UncertainGroupPolicy(Source(gpo, HelloScope.Device, hit), $"security filtering limits it to {trustees}; group membership of the ring's devices is not checked"));
                }
                else if (hit.Count > 0)
                {
                    covering.Add(Source(gpo, HelloScope.Device, hit));
                }
                else if (truncated.Count > 0)
                {
                    uncertain.Add(new UncertainGroupPolicy(Source(gpo, HelloScope.Device, truncated), $"only the first {GroupPolicyLink.MaxComputers:N0} computers under each link were listed; ring devices beyond them may be covered"));
                }
            }

            if (AppliesUserSide(gpo))
            {
                uncertain.Add(new UncertainGroupPolicy(Source(gpo, HelloScope.User, links), "user configuration applies to the users under its links (or to computers there with loopback processing), which device names cannot decide"));
            }
        }

        return new GroupPolicyCoverage(covering, uncertain);
    }

    private static bool AppliesComputerSide(HelloGroupPolicy gpo) => gpo.ComputerSettingsEnabled && gpo.Computer.SetsTrustModel;

    private static bool AppliesUserSide(HelloGroupPolicy gpo) => gpo.UserSettingsEnabled && gpo.User.SetsTrustModel;

    private static string? Filtered(HelloGroupPolicy gpo)
        => gpo.SecurityFiltering is { } trustees && !trustees.Any(EveryComputer.Contains) ? (trustees.Count == 0 ? "nobody" : string.Join(", ", trustees)) : null;

    private static HelloSource Source(HelloGroupPolicy gpo, HelloScope scope, IReadOnlyList<GroupPolicyLink> links)
    {
        var values = scope == HelloScope.Device ? gpo.Computer : gpo.User;
        return new HelloSource(
            HelloSourceKind.GroupPolicy,
            scope,
            gpo.Id.ToString(),
            gpo.DisplayName,
            values.Enabled,
            values.UseCloudTrustForOnPremAuth,
            values.UseCertificateForOnPremAuth,
            Where: string.Join("; ", links.Select(l => l.Target)));
    }

    private static string ComputerName(string name)
    {
        var trimmed = name.Trim();
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? trimmed : trimmed[..dot];
    }
}
