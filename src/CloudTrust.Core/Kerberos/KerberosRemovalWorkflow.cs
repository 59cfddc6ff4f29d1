using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Kerberos;

/// <summary>
/// Removes one domain's Microsoft Entra Kerberos server object (both halves) through the agent — the object's rollback,
/// or the first step of a move to another tenant. Attended by default: the removal is queued on the agent and the
/// status reads "waiting for an administrator to sign in on &lt;host&gt;" until one runs
/// <c>CloudTrust.Agent kerberos complete</c> there (the module's own sign-in, MFA included); past the timeout the request
/// is withdrawn and nothing is changed, as an attended rotation does. Password sign-in removes at once. Whether the
/// removal may run at all (no rollout relies on the object) is decided by the trigger before it starts
/// (<see cref="KerberosRemovalGuard"/>).
/// </summary>
public sealed class KerberosRemovalWorkflow : IWorkflow<KerberosRemovalRequest, KerberosRemovalReport>
{
    /// <summary>The workflow's registered name.</summary>
    public const string Name = "KerberosRemoval";

    /// <summary>The activity that removes the object with the stored (password) credential.</summary>
    public const string RemoveActivityName = "RemoveKerberosServer";

    private static readonly ActivityRetryPolicy AgentRetry = new(4, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public async Task<KerberosRemovalReport> RunAsync(IWorkflowContext context, KerberosRemovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var domain = input.Domain;
        void Show(string phase) => context.SetCustomStatus(new KerberosRemovalStatus(domain, phase));
        KerberosRemovalReport Failed(string? code, string reason)
        {
            Show("failed: " + reason);
            return new KerberosRemovalReport(domain, false, code, reason, null, input.RequestedBy);
        }

        if (input.SignIn == CloudSignInMode.Password)
        {
            Show("removing (password sign-in)");
            try
            {
                var removed = await context.CallActivityAsync<KerberosServerRemoved>(RemoveActivityName, new KerberosDomainRequest(domain), AgentRetry);
                var reason = removed.AlreadyAbsent ? $"{domain} had no Kerberos server object" : $"removed the Kerberos server object of {domain} (both halves)";
                Show("removed");
                return new KerberosRemovalReport(domain, true, null, reason, null, input.RequestedBy);
            }
            catch (ActivityFailedException ex)
            {
                return Failed(null, $"the removal failed, nothing was changed: {ex.Failure.Message}");
            }
        }

        var operationId = DeterministicGuid.Create($"{context.InstanceId}/remove/{domain.ToUpperInvariant()}");
        AttendedOperation request;
        try
        {
            request = await context.CallActivityAsync<AttendedOperation>(
                RotationActivities.QueueAttendedKerberosOperation, new AttendedKerberosRequest(domain, KerberosOperations.RemoveKerberosServer, operationId), AgentRetry);
        }
        catch (ActivityFailedException ex)
        {
            return Failed(null, $"could not queue the attended removal, nothing was changed: {ex.Failure.Message}");
        }

        var deadline = context.CurrentUtcDateTime + input.AttendedTimeout;
        var giveUp = deadline + KeyRotationWorkflow.AttendedGrace;
        while (request.State is AttendedStates.Waiting or AttendedStates.Running)
        {
            var now = context.CurrentUtcDateTime;
            if (request.State == AttendedStates.Waiting && now >= deadline)
            {
                request = await context.CallActivityAsync<AttendedOperation>(RotationActivities.CancelAttendedKerberosOperation, new AttendedRequestRef(request.RequestId), AgentRetry);
                if (request.State is AttendedStates.Waiting or AttendedStates.Cancelled)
                {
                    return Failed(KerberosErrorCodes.AttendedTimeout,
                        $"no administrator signed in on {request.Host} within {input.AttendedTimeout.TotalMinutes:0} minutes, so nothing was changed; request {request.RequestId} is withdrawn. "
                        + $"Ask for the removal again and have an administrator run 'CloudTrust.Agent kerberos complete <new request id> --upn <admin upn>' on {request.Host} while it waits");
                }

                continue;
            }

            if (now >= giveUp)
            {
                return Failed(KerberosErrorCodes.AttendedTimeout, $"the administrator's run of request {request.RequestId} on {request.Host} did not finish in time; check the object with 'cloudtrust kerberos status'");
            }

            Show(request.State == AttendedStates.Running
                ? $"an administrator ({request.CompletedBy}) is signing in on {request.Host}"
                : $"waiting for an administrator to sign in on {request.Host}: CloudTrust.Agent kerberos complete {request.RequestId} --upn <admin upn> (until {deadline:u})");
            var wait = request.State == AttendedStates.Waiting && deadline - now < input.PollInterval ? deadline - now : input.PollInterval;
            await context.CreateTimer(now + (wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1)), CancellationToken.None);
            try
            {
                request = await context.CallActivityAsync<AttendedOperation>(RotationActivities.ReadAttendedKerberosOperation, new AttendedRequestRef(request.RequestId), AgentRetry);
            }
            catch (ActivityFailedException ex)
            {
                return Failed(null, $"could not read attended request {request.RequestId}: {ex.Failure.Message}");
            }
        }

        if (request.State != AttendedStates.Completed)
        {
            return Failed(request.ErrorCode ?? KerberosErrorCodes.BackendFailed, $"the administrator's run ({request.CompletedBy}) failed: {request.ErrorMessage}");
        }

        Show($"removed by {request.CompletedBy}");
        return new KerberosRemovalReport(domain, true, null, $"removed the Kerberos server object of {domain} (both halves) by {request.CompletedBy}", request.CompletedBy, input.RequestedBy);
    }
}
