using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Reads a container's <c>gPLink</c> attribute: a list of <c>[LDAP://cn={GUID},cn=policies,cn=system,DC=…;flags]</c>
/// entries, where flag bit 1 disables the link and bit 2 enforces it. Entries that do not parse are skipped.
/// </summary>
internal static partial class GpLinkAttribute
{
    public static IReadOnlyList<(Guid Id, bool Enabled, bool Enforced)> Parse(string? value)
    {
        var links = new List<(Guid, bool, bool)>();
        foreach (Match match in Entry().Matches(value ?? string.Empty))
        {
            if (Guid.TryParse(match.Groups["id"].ValueSpan, out var id)
                && int.TryParse(match.Groups["flags"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var flags))
            {
                links.Add((id, (flags & 1) == 0, (flags & 2) != 0));
            }
        }

        return links;
    }

    [GeneratedRegex(@"\[LDAP://cn=\{(?<id>[0-9a-f-]{36})\},[^;\]]*;(?<flags>\d{1,9})\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Entry();
}
