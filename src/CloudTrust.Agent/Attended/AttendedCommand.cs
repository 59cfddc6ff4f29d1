using CloudTrust.Agent.Operations;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Attended;

/// <summary>
/// <c>CloudTrust.Agent kerberos pending</c> and <c>CloudTrust.Agent kerberos complete &lt;request-id&gt; --upn &lt;upn&gt;</c>:
/// what an administrator runs in an interactive session on the agent's host to carry out an attended operation. The
/// module's own sign-in prompt (with MFA) appears; the result goes to the workflow's next poll. Exit codes follow
/// <c>cloudtrust</c>: 0 done, 1 failed, 2 bad input, 4 no such request.
/// </summary>
internal static class AttendedCommand
{
    public const string Usage = "usage: CloudTrust.Agent kerberos pending\n       CloudTrust.Agent kerberos complete <request-id> --upn <hybrid-identity-admin-upn>";

    /// <summary>Tells whether the arguments ask for this command rather than the service.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && string.Equals(args[0], "kerberos", StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args, Func<KerberosOperationDispatcher> dispatcher, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = args.Length > 1 ? args[1] : string.Empty;
        if (verb == "pending" && args.Length == 2)
        {
            var waiting = await dispatcher().WaitingAttendedAsync(cancellationToken);
            if (waiting.Count == 0)
            {
                await output.WriteLineAsync("no attended request is waiting");
            }

            foreach (var item in waiting)
            {
                await output.WriteLineAsync($"{item.RequestId}  {item.Operation} for {item.Domain}, waiting since {item.CreatedAt:u}");
            }

            return 0;
        }

        if (verb != "complete")
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        string? requestId = null;
        string? upn = null;
        var problems = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--upn" && i + 1 < args.Length)
            {
                upn = args[++i];
            }
            else if (requestId is null && !args[i].StartsWith('-'))
            {
                requestId = args[i];
            }
            else
            {
                problems.Add($"unexpected argument '{args[i]}'");
            }
        }

        if (!KerberosOperationValidator.IsValidRequestId(requestId, out var idProblem))
        {
            problems.Add("<request-id> " + idProblem);
        }

        if (!UserPrincipalNameRule.IsValid(upn, out var upnProblem))
        {
            problems.Add("--upn " + upnProblem + " (the Hybrid Identity Administrator you sign in as)");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            await error.WriteLineAsync(Usage);
            return 2;
        }

        await output.WriteLineAsync($"running attended request {requestId}: sign in as {upn} in the window the module opens (multi-factor authentication included)");
        var (request, result) = await dispatcher().CompleteAttendedAsync(requestId!, upn!, cancellationToken);
        if (result.Succeeded)
        {
            var server = result.Server is { } s ? $": KeyVersion {s.KeyVersion}, CloudKeyVersion {s.CloudKeyVersion}" : string.Empty;
            await output.WriteLineAsync($"done: {request!.Operation} for {request.Domain}{server}; the workflow sees it at its next poll");
            return 0;
        }

        await error.WriteLineAsync($"{result.ErrorCode}: {result.ErrorMessage}");
        return result.ErrorCode == KerberosErrorCodes.AttendedRequestNotFound ? 4 : result.ErrorCode == KerberosErrorCodes.AttendedRequestClosed ? 2 : 1;
    }
}
