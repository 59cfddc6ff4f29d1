using CloudTrust.Core.Validation;
namespace CloudTrust.Core.Kerberos;

/// <summary>
/// The rule for a user principal name: <c>local@domain</c>, where the local part is 1 to 64 characters of letters,
/// digits and <c>. _ - ' +</c> (no leading, trailing or doubled dot) and the suffix is a DNS name.
/// </summary>
public static class UserPrincipalNameRule
{
    /// <summary>Checks a UPN.</summary>
    /// <param name="value">The candidate.</param>
    /// <param name="problem">Why it is not valid.</param>
    /// <returns>True when well formed.</returns>
    public static bool IsValid(string? value, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrEmpty(value))
        {
            problem = "is required";
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@'))
        {
            problem = "must have the form name@domain";
            return false;
        }

        var local = value[..at];
        if (local.Length > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)
            || local.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '\'' or '+')))
        {
            problem = "has a name part with characters outside letters, digits and . _ - ' +";
            return false;
        }

        if (!DnsName.IsValid(value[(at + 1)..], out var suffixProblem))
        {
            problem = "has a suffix that " + suffixProblem;
            return false;
        }

        return true;
    }
}
