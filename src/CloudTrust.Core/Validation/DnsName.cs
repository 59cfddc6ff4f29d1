namespace CloudTrust.Core.Validation;

/// <summary>
/// The rule for an AD domain's DNS name (RFC 1123 host names): 2 to 127 labels of letters, digits and inner
/// hyphens, each at most 63 characters, 253 characters in all. Anything else — spaces, semicolons, quotes — is
/// refused, so no text a caller sends can become anything but a domain name.
/// </summary>
public static class DnsName
{
    /// <summary>Returns whether <paramref name="value"/> is a DNS name such as <c>corp.contoso.com</c>.</summary>
    /// <param name="value">The candidate.</param>
    /// <returns>True when it is a DNS domain name.</returns>
    public static bool IsValid(string? value) => IsValid(value, out _);

    /// <summary>Checks a name.</summary>
    /// <param name="value">The candidate.</param>
    /// <param name="problem">Why it is not valid.</param>
    /// <returns>True when it is a DNS domain name.</returns>
    public static bool IsValid(string? value, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrEmpty(value))
        {
            problem = "is required";
            return false;
        }

        if (value.Length > 253)
        {
            problem = "is longer than 253 characters";
            return false;
        }

        var labels = value.Split('.');
        if (labels.Length < 2)
        {
            problem = "must be a fully qualified DNS name such as contoso.com";
            return false;
        }

        foreach (var label in labels)
        {
            if (!IsValidLabel(label))
            {
                problem = "must contain only DNS labels of letters, digits and inner hyphens, separated by dots";
                return false;
            }
        }

        return true;
    }

    private static bool IsValidLabel(string label)
    {
        if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
