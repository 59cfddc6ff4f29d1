namespace CloudTrust.Core.Rotation;

/// <summary>
/// The rules every <see cref="IRotationHistory"/> store follows, so the stores cannot drift: domains compare without
/// ASCII case (DNS names, RFC 4343 section 3, and SQLite's NOCASE), and lists come newest first.
/// </summary>
public static class RotationHistoryOrder
{
    /// <summary>Gets the order of every list: finish time descending, then domain ignoring ASCII case, then run id (ordinal).</summary>
    public static IComparer<RotationAttempt> NewestFirst { get; } = Comparer<RotationAttempt>.Create(Compare);

    /// <summary>Gets the comparer of domain names: ASCII letters without case, every other character as it is.</summary>
    public static IEqualityComparer<string> Domains { get; } = new DomainComparer();

    /// <summary>Returns the form of a domain name that stores key and compare on: ASCII letters lowered, nothing else changed.</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>The key.</returns>
    public static string DomainKey(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return string.Create(domain.Length, domain, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            }
        });
    }

    private static int Compare(RotationAttempt? x, RotationAttempt? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byTime = y.FinishedAt.UtcTicks.CompareTo(x.FinishedAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var byDomain = string.CompareOrdinal(DomainKey(x.Domain), DomainKey(y.Domain));
        return byDomain != 0 ? byDomain : string.CompareOrdinal(x.RunId, y.RunId);
    }

    private sealed class DomainComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y)
            => x is null || y is null ? ReferenceEquals(x, y) : string.Equals(DomainKey(x), DomainKey(y), StringComparison.Ordinal);

        public int GetHashCode(string obj) => string.GetHashCode(DomainKey(obj), StringComparison.Ordinal);
    }
}
