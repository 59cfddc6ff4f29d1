using CloudTrust.Core.GroupPolicy;

namespace CloudTrust.Agent.Backends.Simulated;

/// <summary>
/// Answers <c>ListHelloGroupPolicies</c> from a simulated domain as the script does from AD: only GPOs that set a
/// PassportForWork value, each link with the computers in the subtree under its target, capped per link.
/// </summary>
internal static class SimulatedGroupPolicies
{
    public static IReadOnlyList<HelloGroupPolicy> List(SimulatedDomain domain)
        => domain.GroupPolicies
            .Where(g => g.Computer.SetsAnything || g.User.SetsAnything)
            .OrderBy(g => g.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(g => new HelloGroupPolicy(
                g.Id,
                g.DisplayName,
                g.ComputerSettingsEnabled,
                g.UserSettingsEnabled,
                g.Computer,
                g.User,
                g.Links.Select(l => Link(domain, l)).ToList(),
                g.SecurityFiltering))
            .ToList();

    /// <summary>Checks that a distinguished name lies in the domain (is its DN or under it).</summary>
    public static bool IsInDomain(SimulatedDomain domain, string distinguishedName)
        => string.Equals(distinguishedName, domain.DistinguishedName, StringComparison.OrdinalIgnoreCase) || IsUnder(distinguishedName, domain.DistinguishedName);

    private static GroupPolicyLink Link(SimulatedDomain domain, SimulatedGroupPolicyLink link)
    {
        var under = domain.Computers.Where(dn => IsUnder(dn, link.Target)).Select(Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new GroupPolicyLink(link.Target, link.Enabled, link.Enforced, under.Take(GroupPolicyLink.MaxComputers).ToList(), under.Count > GroupPolicyLink.MaxComputers);
    }

    private static bool IsUnder(string distinguishedName, string container)
        => distinguishedName.EndsWith("," + container, StringComparison.OrdinalIgnoreCase);

    private static string Name(string distinguishedName)
    {
        var first = distinguishedName.Split(',', 2)[0];
        var equals = first.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? first : first[(equals + 1)..];
    }
}
