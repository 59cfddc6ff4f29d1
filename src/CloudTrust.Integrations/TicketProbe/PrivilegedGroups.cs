namespace CloudTrust.Integrations.TicketProbe;

/// <summary>
/// Finds, in <c>whoami /groups /fo csv /nh</c> output (<c>"Group Name","Type","SID","Attributes"</c> a line), a group
/// of the user's domain that the AzureADKerberos object's default Password Replication Policy denies: Domain Admins
/// (RID 512), Cert Publishers (517), Schema Admins (518), Enterprise Admins (519), Group Policy Creator Owners (520),
/// Denied RODC Password Replication Group (572). Builtin groups (S-1-5-32-…) in a workstation's token are that
/// workstation's own, not the domain's, so they are not read.
/// </summary>
public static class PrivilegedGroups
{
    private static readonly string[] DeniedRids = ["-512", "-517", "-518", "-519", "-520", "-572"];

    /// <summary>Reads the first denied group's name.</summary>
    /// <param name="csv">The command's output.</param>
    /// <returns>Its name, or null when the user is in none.</returns>
    public static string? FirstDenied(string? csv)
    {
        foreach (var line in (csv ?? string.Empty).Split('\n'))
        {
            var fields = line.Trim().Split("\",\"");
            if (fields.Length < 3)
            {
                continue;
            }

            var sid = fields[2].Trim('"');
            if (sid.StartsWith("S-1-5-21-", StringComparison.Ordinal) && DeniedRids.Any(r => sid.EndsWith(r, StringComparison.Ordinal)))
            {
                return fields[0].Trim('"');
            }
        }

        return null;
    }
}
