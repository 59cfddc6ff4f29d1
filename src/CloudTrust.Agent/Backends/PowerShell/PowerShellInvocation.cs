using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Validation;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Builds the process start for one operation: <c>powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass
/// -File &lt;script&gt; -Operation &lt;op&gt; -Domain &lt;dns&gt;</c>, every value its own element of
/// <see cref="ProcessStartInfo.ArgumentList"/> (never spliced into script or command text). Credentials and user
/// lists go as one JSON line on standard input, so they never appear on a command line or in a process listing.
/// </summary>
internal static class PowerShellInvocation
{
    public static ProcessStartInfo Build(PowerShellOptions options, KerberosOperationRequest request, bool interactive = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        if (!KerberosOperations.All.Contains(request.Operation) || request.Operation == KerberosOperations.Health
            || request.Operation is KerberosOperations.QueueAttendedOperation || KerberosOperations.ByRequestId.Contains(request.Operation))
        {
            throw new ArgumentException("not an operation the script serves", nameof(request));
        }

        if (!DnsName.IsValid(request.Domain, out _))
        {
            throw new ArgumentException("the domain is not a DNS name", nameof(request));
        }

        var start = new ProcessStartInfo(options.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = !interactive,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        // Attended: no -NonInteractive, so the module's -UserPrincipalName sign-in (with MFA) can prompt the administrator.
        var arguments = interactive
            ? new[] { "-NoProfile", "-ExecutionPolicy", "Bypass", "-File", options.ScriptPath, "-Operation", request.Operation, "-Domain", request.Domain! }
            : new[] { "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", options.ScriptPath, "-Operation", request.Operation, "-Domain", request.Domain! };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static string StandardInput(KerberosOperationRequest request, KerberosAdminCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payload = new Dictionary<string, object?>
        {
            ["cloudSignIn"] = credentials?.CloudInteractive == true ? "interactive" : "password",
            ["cloudUserName"] = credentials?.CloudUserName,
            ["cloudPassword"] = credentials?.CloudPassword,
            ["domainUserName"] = credentials?.DomainUserName,
            ["domainPassword"] = credentials?.DomainPassword,
            ["userPrincipalNames"] = request.UserPrincipalNames ?? [],
        };
        return JsonSerializer.Serialize(payload);
    }
}
