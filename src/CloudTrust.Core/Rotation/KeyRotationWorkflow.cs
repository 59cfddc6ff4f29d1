using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rotation;

/// <summary>
/// Rotates the Microsoft Entra Kerberos server key of each domain and proves it took: reads every domain (fanned
/// out), decides per domain (freeze, health, key age, maintenance window), waits for a person's approval when the
/// policy asks, rotates with an operation id derived from the run and the domain (so a retried request never
/// rotates twice), then polls until the on-premises key version equals the cloud one and the key's update time
/// moved — within the policy's deadline. A domain that fails or never converges is reported with both versions;
/// the other domains still finish. Custom status shows each domain's phase.
/// </summary>
public sealed class KeyRotationWorkflow : IWorkflow<RotationRequest, RotationReport>
{
    /// <summary>The workflow's registered name.</summary>
    public const string Name = "KeyRotation";

    /// <summary>How long a run that needs approval waits for it.</summary>
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromHours(24);

    /// <summary>How long past the attended timeout a run an administrator has started is still waited for.</summary>
    public static readonly TimeSpan AttendedGrace = TimeSpan.FromMinutes(30);

    private static readonly ActivityRetryPolicy AgentRetry = new(4, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public async Task<RotationReport> RunAsync(IWorkflowContext context, RotationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var phases = input.Domains.ToDictionary(d => d, _ => "reading", StringComparer.OrdinalIgnoreCase);
        void Show(string domain, string phase)
        {
            phases[domain] = phase;
            context.SetCustomStatus(RotationStatus.Create(phases));
        }

        context.SetCustomStatus(RotationStatus.Create(phases));
        var started = context.CurrentUtcDateTime;
        var plans = await Task.WhenAll(input.Domains.Select(d => PlanAsync(context, input, d, Show)));

        var toRotate = plans.Where(p => p.Decision?.Rotate == true).ToList();
        if (toRotate.Count > 0 && input.Policy.RequireApproval)
        {
            foreach (var plan in toRotate)
            {
                Show(plan.Domain, "awaiting approval");
            }

            var refusal = await AwaitApprovalAsync(context);
            if (refusal is not null)
            {
                foreach (var plan in toRotate)
                {
                    plan.Decision = new RotationDecision(false, refusal);
                }
            }
        }

        var attempts = await Task.WhenAll(plans.Select(p => FinishAsync(context, input, p, Show)));
        return new RotationReport(context.InstanceId, input.Mode, attempts);
    }

    private static async Task<DomainPlan> PlanAsync(IWorkflowContext context, RotationRequest input, string domain, Action<string, string> show)
    {
        var plan = new DomainPlan(domain, context.CurrentUtcDateTime) { SignIn = input.Policy.SignIn.For(domain) };
        if (plan.SignIn == CloudSignInMode.Attended)
        {
            return await PlanAttendedAsync(context, input, plan, show);
        }

        try
        {
            plan.Before = await context.CallActivityAsync<KerberosServerObject>(RotationActivities.ReadKerberosServer, new KerberosDomainRequest(domain), AgentRetry);
            plan.Decision = RotationDecision.Decide(input.Policy, input.Mode, plan.Before, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
            show(domain, plan.Decision.Rotate ? "due" : "skipped: " + plan.Decision.SkipReason);
        }
        catch (ActivityFailedException ex)
        {
            plan.Failure = $"could not read the Kerberos server object: {ex.Failure.Message}";
            show(domain, "failed: " + plan.Failure);
        }

        return plan;
    }

    private static async Task<DomainPlan> PlanAttendedAsync(IWorkflowContext context, RotationRequest input, DomainPlan plan, Action<string, string> show)
    {
        // The on-premises half from the directory, with no cloud sign-in: the key version before (for the report) and,
        // when CloudTrust never rotated the domain, the key's age. The cloud half is compared in the administrator's run.
        // An agent that does not serve the read leaves both unknown, as before.
        try
        {
            var directory = await context.CallActivityAsync<KerberosDirectoryObject>(RotationActivities.ReadKerberosServerDirectory, new KerberosDomainRequest(plan.Domain), AgentRetry);
            plan.Before = directory.Exists ? directory.ToServerObject() : null;
        }
        catch (ActivityFailedException)
        {
            plan.Before = null;
        }

        try
        {
            var last = input.Mode == RotationMode.Due && !input.Policy.Freeze
                ? await context.CallActivityAsync<LastRotation>(RotationActivities.ReadLastRotation, new KerberosDomainRequest(plan.Domain), AgentRetry)
                : null;
            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            plan.Decision = last?.RotatedOn is null && plan.Before?.KeyUpdatedOn is { } keyUpdated
                ? RotationDecision.DecideAttended(input.Policy, input.Mode, keyUpdated, now, "the directory's key update time")
                : RotationDecision.DecideAttended(input.Policy, input.Mode, last?.RotatedOn, now);
            show(plan.Domain, plan.Decision.Rotate ? "due (attended sign-in)" : "skipped: " + plan.Decision.SkipReason);
        }
        catch (ActivityFailedException ex)
        {
            plan.Failure = $"could not read the rotation history: {ex.Failure.Message}";
            show(plan.Domain, "failed: " + plan.Failure);
        }

        return plan;
    }

    private static async Task<string?> AwaitApprovalAsync(IWorkflowContext context)
    {
        try
        {
            var approval = await context.WaitForExternalEvent<RotationApproval>(RotationActivities.ApprovalEvent, ApprovalTimeout);
            return approval.Approved ? null : $"rotation was declined by {approval.By}";
        }
        catch (ExternalEventTimeoutException)
        {
            return $"no approval arrived within {ApprovalTimeout.TotalHours:0} hours";
        }
    }

    private static async Task<RotationAttempt> FinishAsync(IWorkflowContext context, RotationRequest input, DomainPlan plan, Action<string, string> show)
    {
        var attempt = plan.Failure is not null ? plan.Attempt(context, input, RotationOutcome.Failed, plan.Failure, null, null)
            : plan.Decision is { Rotate: false } skip ? plan.Attempt(context, input, RotationOutcome.Skipped, skip.SkipReason, null, null)
            : plan.SignIn == CloudSignInMode.Attended ? await RotateAttendedAsync(context, input, plan, show)
            : await RotateAsync(context, input, plan, show);

        await context.CallActivityAsync<bool>(RotationActivities.RecordRotationAttempt, attempt, AgentRetry);
        return attempt;
    }

    private static async Task<RotationAttempt> RotateAsync(IWorkflowContext context, RotationRequest input, DomainPlan plan, Action<string, string> show)
    {
        var domain = plan.Domain;
        var operationId = DeterministicGuid.Create($"{context.InstanceId}/rotate/{domain.ToUpperInvariant()}");
        show(domain, "rotating");
        KerberosServerObject current;
        try
        {
            current = await context.CallActivityAsync<KerberosServerObject>(RotationActivities.RotateKerberosServerKey, new KerberosDomainRequest(domain, operationId), AgentRetry);
        }
        catch (ActivityFailedException ex)
        {
            show(domain, "failed");
            return plan.Attempt(context, input, RotationOutcome.Failed, $"rotation failed: {ex.Failure.Message}", operationId, null);
        }

        var deadline = context.CurrentUtcDateTime + input.Policy.ConvergenceDeadline;
        while (!Converged(plan.Before!, current))
        {
            if (context.CurrentUtcDateTime >= deadline)
            {
                show(domain, "failed: did not converge");
                return plan.Attempt(context, input, RotationOutcome.Failed,
                    $"did not converge within {input.Policy.ConvergenceDeadline.TotalMinutes:0} minutes: KeyVersion {current.KeyVersion}, CloudKeyVersion {current.CloudKeyVersion}",
                    operationId, current);
            }

            show(domain, $"waiting for the cloud: KeyVersion {current.KeyVersion}, CloudKeyVersion {current.CloudKeyVersion}");
            var wait = Min(input.Policy.PollInterval, deadline - context.CurrentUtcDateTime);
            await context.CreateTimer(context.CurrentUtcDateTime + wait, CancellationToken.None);
            try
            {
                current = await context.CallActivityAsync<KerberosServerObject>(RotationActivities.ReadKerberosServer, new KerberosDomainRequest(domain), AgentRetry);
            }
            catch (ActivityFailedException ex)
            {
                show(domain, "failed");
                return plan.Attempt(context, input, RotationOutcome.Failed, $"could not read the object after rotating: {ex.Failure.Message}", operationId, current);
            }
        }

        show(domain, $"rotated: KeyVersion {current.KeyVersion}");
        return plan.Attempt(context, input, RotationOutcome.Rotated, null, operationId, current);
    }

    /// <summary>
    /// Attended: queues the rotation on the agent and polls it until an administrator has run
    /// <c>CloudTrust.Agent kerberos complete</c> on the agent's host (the module's own MFA sign-in), then judges the
    /// object the administrator's run read afterwards. Past the policy's attended timeout a waiting request is
    /// withdrawn (so it can no longer run) and the domain fails with what to do; one already running is waited for.
    /// </summary>
    private static async Task<RotationAttempt> RotateAttendedAsync(IWorkflowContext context, RotationRequest input, DomainPlan plan, Action<string, string> show)
    {
        var domain = plan.Domain;
        var operationId = DeterministicGuid.Create($"{context.InstanceId}/rotate/{domain.ToUpperInvariant()}");
        var timeout = input.Policy.SignIn.AttendedTimeout;
        AttendedOperation request;
        try
        {
            request = await context.CallActivityAsync<AttendedOperation>(
                RotationActivities.QueueAttendedKerberosOperation, new AttendedKerberosRequest(domain, KerberosOperations.RotateKerberosServerKey, operationId), AgentRetry);
        }
        catch (ActivityFailedException ex)
        {
            show(domain, "failed");
            return plan.Attempt(context, input, RotationOutcome.Failed, $"could not queue the attended rotation: {ex.Failure.Message}", operationId, null);
        }

        var deadline = context.CurrentUtcDateTime + timeout;
        var giveUp = deadline + AttendedGrace;
        while (request.State is AttendedStates.Waiting or AttendedStates.Running)
        {
            var now = context.CurrentUtcDateTime;
            if (request.State == AttendedStates.Waiting && now >= deadline)
            {
                request = await context.CallActivityAsync<AttendedOperation>(RotationActivities.CancelAttendedKerberosOperation, new AttendedRequestRef(request.RequestId), AgentRetry);
                if (request.State is AttendedStates.Waiting or AttendedStates.Cancelled)
                {
                    show(domain, "failed: no administrator signed in");
                    return plan.Attempt(context, input, RotationOutcome.Failed,
                        $"{KerberosErrorCodes.AttendedTimeout}: no administrator signed in on {request.Host} within {timeout.TotalMinutes:0} minutes, so nothing was changed; "
                        + $"request {request.RequestId} is withdrawn. Start the rotation again and have an administrator run 'CloudTrust.Agent kerberos complete <new request id> --upn <admin upn>' on {request.Host} while it waits",
                        operationId, null);
                }

                continue;
            }

            if (now >= giveUp)
            {
                show(domain, "failed: the administrator's run did not finish");
                return plan.Attempt(context, input, RotationOutcome.Failed,
                    $"{KerberosErrorCodes.AttendedTimeout}: the administrator's run of request {request.RequestId} on {request.Host} did not finish within {(timeout + AttendedGrace).TotalMinutes:0} minutes; check it with 'cloudtrust kerberos status'",
                    operationId, null);
            }

            show(domain, request.State == AttendedStates.Running
                ? $"an administrator ({request.CompletedBy}) is signing in on {request.Host}"
                : $"waiting for an administrator to sign in on {request.Host}: CloudTrust.Agent kerberos complete {request.RequestId} --upn <admin upn> (until {deadline:u})");
            var wait = request.State == AttendedStates.Waiting ? Min(input.Policy.PollInterval, deadline - now) : input.Policy.PollInterval;
            await context.CreateTimer(now + (wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1)), CancellationToken.None);
            try
            {
                request = await context.CallActivityAsync<AttendedOperation>(RotationActivities.ReadAttendedKerberosOperation, new AttendedRequestRef(request.RequestId), AgentRetry);
            }
            catch (ActivityFailedException ex)
            {
                show(domain, "failed");
                return plan.Attempt(context, input, RotationOutcome.Failed, $"could not read attended request {request.RequestId}: {ex.Failure.Message}", operationId, null);
            }
        }

        if (request.State != AttendedStates.Completed || request.Server is not { } after)
        {
            show(domain, "failed");
            return plan.Attempt(context, input, RotationOutcome.Failed, $"the administrator's run ({request.CompletedBy}) failed: {request.ErrorCode}: {request.ErrorMessage}", operationId, null);
        }

        if (after.KeyVersion is null || after.KeyVersion != after.CloudKeyVersion)
        {
            show(domain, "failed: did not converge");
            return plan.Attempt(context, input, RotationOutcome.Failed,
                $"rotated by {request.CompletedBy}, but the halves did not agree when read afterwards: KeyVersion {after.KeyVersion}, CloudKeyVersion {after.CloudKeyVersion}; check again with 'cloudtrust kerberos status'",
                operationId, after);
        }

        show(domain, $"rotated by {request.CompletedBy}: KeyVersion {after.KeyVersion}");
        return plan.Attempt(context, input, RotationOutcome.Rotated, null, operationId, after);
    }

    /// <summary>The new key is in place on both halves: versions agree and the update time moved.</summary>
    private static bool Converged(KerberosServerObject before, KerberosServerObject now)
        => now.KeyVersion is not null
            && now.KeyVersion == now.CloudKeyVersion
            && now.KeyUpdatedOn > before.KeyUpdatedOn;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>One domain's state between reading and finishing.</summary>
    private sealed class DomainPlan(string domain, DateTime startedAt)
    {
        public string Domain { get; } = domain;

        public KerberosServerObject? Before { get; set; }

        public RotationDecision? Decision { get; set; }

        public string? Failure { get; set; }

        public CloudSignInMode SignIn { get; init; }

        public RotationAttempt Attempt(IWorkflowContext context, RotationRequest input, RotationOutcome outcome, string? reason, Guid? operationId, KerberosServerObject? after)
            => new(
                context.InstanceId,
                Domain,
                outcome,
                reason,
                operationId,
                Before?.KeyVersion,
                after?.KeyVersion,
                after?.CloudKeyVersion ?? Before?.CloudKeyVersion,
                Before?.KeyUpdatedOn,
                outcome == RotationOutcome.Rotated ? after?.KeyUpdatedOn : null,
                new DateTimeOffset(startedAt, TimeSpan.Zero),
                new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
                input.TriggeredBy);
    }
}
