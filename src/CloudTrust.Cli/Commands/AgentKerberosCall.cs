using CloudTrust.Cli.Output;
using CloudTrust.Core.Kerberos;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// One module operation a <c>kerberos</c> command sends to the agent, in the cloud sign-in the user chose: with
/// <see cref="CloudSignInMode.Password"/> the request is sent as it is; with <see cref="CloudSignInMode.Attended"/> it is
/// queued for an administrator on the agent's host, the agent command to run there is printed ("waiting for an
/// administrator to sign in on &lt;host&gt;: …"), and the call waits until the administrator's run finishes — or, once
/// the timeout passes with nobody signed in, withdraws the request, which then changes nothing.
/// </summary>
/// <param name="sender">The relay sender to the agent.</param>
/// <param name="terminal">Where the waiting line goes.</param>
/// <param name="time">The clock of the timeout and the polls.</param>
internal sealed class AgentKerberosCall(RelaySender sender, Terminal terminal, TimeProvider time)
{
    /// <summary>How often the attended request is read while waiting.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="request"/> (one that addresses a domain) in <paramref name="mode"/>.</summary>
    /// <param name="mode">The cloud sign-in.</param>
    /// <param name="request">The operation; for attended only its operation and domain are used.</param>
    /// <param name="timeout">How long to wait for an administrator (attended).</param>
    /// <param name="cancellationToken">Stops the wait; a waiting request is left for the agent's own expiry.</param>
    /// <returns>The operation's result; an attended success carries the object as the administrator's run left it.</returns>
    public Task<KerberosOperationResult> RunAsync(CloudSignInMode mode, KerberosOperationRequest request, TimeSpan timeout, CancellationToken cancellationToken)
        => mode == CloudSignInMode.Password ? SendAsync(request, cancellationToken) : AttendedAsync(request, timeout, cancellationToken);

    /// <summary>Sends one request; an agent that cannot be reached is a failure with code <see cref="KerberosErrorCodes.RelayUnavailable"/> (or the relay's).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The agent's answer.</returns>
    public async Task<KerberosOperationResult> SendAsync(KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(request, cancellationToken);
        return outcome.Result ?? KerberosOperationResult.Failure(request, outcome.ErrorCode ?? KerberosErrorCodes.RelayUnavailable, $"the agent could not be reached: {outcome.Message}");
    }

    private async Task<KerberosOperationResult> AttendedAsync(KerberosOperationRequest operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var domain = operation.Domain!;
        var queued = await SendAsync(KerberosOperationRequest.QueueAttendedOperation(domain, operation.Operation, Guid.NewGuid().ToString("D")), cancellationToken);
        if (queued.Attended is not { } request)
        {
            return queued;
        }

        terminal.Line($"waiting for an administrator to sign in on {request.Host}: {request.Command} (up to {timeout.TotalMinutes:0} minutes)");
        var giveUp = time.GetUtcNow() + timeout;
        while (request.State is AttendedStates.Waiting or AttendedStates.Running)
        {
            await Task.Delay(Poll, time, cancellationToken);
            var read = await SendAsync(time.GetUtcNow() >= giveUp && request.IsWaiting
                ? KerberosOperationRequest.CancelAttendedOperation(request.RequestId)
                : KerberosOperationRequest.GetAttendedOperation(request.RequestId), cancellationToken);
            request = read.Attended ?? request;
            if (request.State == AttendedStates.Cancelled)
            {
                return KerberosOperationResult.Failure(operation, KerberosErrorCodes.AttendedTimeout,
                    $"no administrator signed in on {request.Host} within {timeout.TotalMinutes:0} minutes; request {request.RequestId} is withdrawn and nothing was changed");
            }
        }

        return request.State == AttendedStates.Completed
            ? new KerberosOperationResult
            {
                Operation = operation.Operation,
                Domain = domain,
                Succeeded = true,
                Changed = true,
                Server = request.Server,
                Health = request.Server is { } server ? KerberosServerHealth.Evaluate(server) : null,
            }
            : KerberosOperationResult.Failure(operation, request.ErrorCode ?? KerberosErrorCodes.BackendFailed, $"the administrator's run ({request.CompletedBy}) failed: {request.ErrorMessage}");
    }
}
