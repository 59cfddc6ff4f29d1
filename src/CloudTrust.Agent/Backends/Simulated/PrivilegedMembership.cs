using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Backends.Simulated;

/// <summary>Finds the denied groups a user belongs to, through any depth of nesting (cycles are safe).</summary>
internal static class PrivilegedMembership
{
    public static PrivilegedUser Find(SimulatedDomain domain, string userPrincipalName)
    {
        var found = domain.Users.Contains(userPrincipalName, StringComparer.OrdinalIgnoreCase);
        var paths = new List<string>();
        foreach (var denied in domain.DeniedGroups)
        {
            var path = PathTo(domain, denied, userPrincipalName, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            if (path is not null)
            {
                paths.Add(string.Join(" > ", path));
            }
        }

        return new PrivilegedUser(userPrincipalName, found, paths);
    }

    private static List<string>? PathTo(SimulatedDomain domain, string group, string upn, HashSet<string> visited)
    {
        if (!visited.Add(group) || !domain.Groups.TryGetValue(group, out var members))
        {
            return null;
        }

        if (members.Contains(upn, StringComparer.OrdinalIgnoreCase))
        {
            return [group];
        }

        foreach (var nested in members.Where(m => !m.Contains('@', StringComparison.Ordinal)))
        {
            if (PathTo(domain, nested, upn, visited) is { } rest)
            {
                rest.Insert(0, group);
                return rest;
            }
        }

        return null;
    }
}
