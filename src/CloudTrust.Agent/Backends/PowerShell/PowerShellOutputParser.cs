using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Turns the script's output into a <see cref="KerberosOperationResult"/>: the last line of standard output that is
/// a JSON object is the answer (modules may print other lines first). Dates may be ISO 8601 or Windows PowerShell
/// 5.1's <c>/Date(ms)/</c>; numbers may be numbers or strings. No JSON at all means PowerShell itself failed, and
/// standard error is classified instead.
/// </summary>
internal static class PowerShellOutputParser
{
    public static KerberosOperationResult Parse(KerberosOperationRequest request, int exitCode, string standardOutput, string standardError)
    {
        ArgumentNullException.ThrowIfNull(request);
        var line = (standardOutput ?? string.Empty).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            var (code, message) = PowerShellFailures.Classify(string.IsNullOrWhiteSpace(standardError) ? $"exit code {exitCode} and no output" : standardError, null);
            return KerberosOperationResult.Failure(request, code, message);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.BackendFailed, "the script's output was not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!Bool(root, "ok"))
            {
                var (code, message) = PowerShellFailures.Classify(Text(root, "error"), Text(root, "errorId"));
                return KerberosOperationResult.Failure(request, code, message);
            }

            var changed = Bool(root, "changed");
            if (root.TryGetProperty("server", out var server))
            {
                return server.ValueKind == JsonValueKind.Object
                    ? KerberosOperationResult.ForServer(request, Server(server), changed)
                    : KerberosOperationResult.Failure(request, KerberosErrorCodes.ServerNotFound, $"{request.Domain} has no Microsoft Entra Kerberos server object");
            }

            var result = new KerberosOperationResult { Operation = request.Operation, Domain = request.Domain, Succeeded = true, Changed = changed };
            if (root.TryGetProperty("directory", out var directory))
            {
                return result with { Directory = Directory(request.Domain!, directory) };
            }

            if (root.TryGetProperty("controllers", out var controllers))
            {
                return result with { Prerequisites = DomainPrerequisites.Evaluate(request.Domain!, Items(controllers).Select(Controller)) };
            }

            if (root.TryGetProperty("gpos", out var gpos))
            {
                return result with { HelloGroupPolicies = HelloGroupPolicyOutput.Read(gpos, root.TryGetProperty("containers", out var containers) ? containers : null) };
            }

            if (root.TryGetProperty("users", out var users))
            {
                var policy = root.TryGetProperty("deniedGroups", out var denied)
                    ? new ReplicationPolicy(Items(denied).Select(g => g.ToString()).ToList(), Text(root, "policySource") != "default")
                    : null;
                return result with { PrivilegedUsers = Items(users).Select(User).ToList(), ReplicationPolicy = policy };
            }

            return result;
        }
    }

    internal static IEnumerable<JsonElement> Items(JsonElement element)
        => element.ValueKind switch
        {
            JsonValueKind.Array => element.EnumerateArray(),
            JsonValueKind.Object => [element],
            JsonValueKind.String => [element], // Windows PowerShell 5.1's ConvertTo-Json writes a one-element array as its element
            _ => [],
        };

    private static KerberosServerObject Server(JsonElement s) => new(
        Long(s, "Id"), Text(s, "UserAccount"), Text(s, "ComputerAccount"), Text(s, "DisplayName"), Text(s, "DomainDnsName"),
        Long(s, "KeyVersion"), Date(s, "KeyUpdatedOn"), Text(s, "KeyUpdatedFrom"), Text(s, "CloudDisplayName"),
        Text(s, "CloudDomainDnsName"), Long(s, "CloudId"), Long(s, "CloudKeyVersion"), Date(s, "CloudKeyUpdatedOn"));

    /// <summary>The on-premises half as the directory read found it; an object without <c>ComputerAccount</c> means the domain has none.</summary>
    private static KerberosDirectoryObject Directory(string domain, JsonElement d)
    {
        var flags = Long(d, "UserAccountControl");
        return new(domain, Text(d, "ComputerAccount") is { Length: > 0 } computer ? computer : null, Text(d, "UserAccount") is { Length: > 0 } user ? user : null,
            Long(d, "KeyVersion"), Date(d, "KeyUpdatedOn"), flags is >= int.MinValue and <= int.MaxValue ? (int)flags.Value : null);
    }

    private static DomainController Controller(JsonElement dc)
    {
        var version = Text(dc, "OperatingSystemVersion") ?? string.Empty;
        var open = version.IndexOf('(', StringComparison.Ordinal);
        var close = version.IndexOf(')', StringComparison.Ordinal);
        var build = open >= 0 && close > open && int.TryParse(version.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0;
        return new DomainController(Text(dc, "HostName") ?? "?", Text(dc, "Site") ?? "?", Text(dc, "OperatingSystem") ?? "?", build, !Bool(dc, "IsReadOnly"));
    }

    private static PrivilegedUser User(JsonElement u)
        => new(Text(u, "UserPrincipalName") ?? "?", Bool(u, "Found"), u.TryGetProperty("DeniedGroups", out var g) ? Items(g).Select(x => x.ToString()).ToList() : []);

    internal static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    internal static bool Bool(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    internal static long? Long(JsonElement element, string name)
        => Text(element, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static DateTimeOffset? Date(JsonElement element, string name)
    {
        var text = Text(element, name);
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("/Date(", StringComparison.Ordinal))
        {
            var digits = new string(text[6..].TakeWhile(c => char.IsAsciiDigit(c) || c == '-').ToArray());
            return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime() : null;
    }
}
