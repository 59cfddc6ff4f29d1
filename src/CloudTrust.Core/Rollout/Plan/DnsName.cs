namespace CloudTrust.Core.Rollout.Plan;

/// <summary>Checks AD DNS domain names: two or more labels of letters, digits and hyphens (RFC 1123).</summary>
public static class DnsName
{
    /// <summary>Returns whether <paramref name="name"/> is a fully qualified DNS domain name.</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns><c>true</c> when valid.</returns>
    public static bool IsValid(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 253)
        {
            return false;
        }

        var labels = name.Split('.');
        return labels.Length >= 2 && labels.All(IsLabel);
    }

    private static bool IsLabel(string label)
        => label.Length is > 0 and <= 63
            && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
