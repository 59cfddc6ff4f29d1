using System.Text.RegularExpressions;

namespace CloudTrust.Core.Validation;

/// <summary>Checks Active Directory domain DNS names (RFC 1123 labels, at least two of them, at most 253 characters).</summary>
public static partial class DnsName
{
    /// <summary>Returns whether <paramref name="value"/> is a DNS name such as <c>corp.contoso.com</c>.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><c>true</c> for a well-formed multi-label DNS name.</returns>
    public static bool IsValid(string? value)
        => value is { Length: > 0 and <= 253 } && Pattern().IsMatch(value);

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
