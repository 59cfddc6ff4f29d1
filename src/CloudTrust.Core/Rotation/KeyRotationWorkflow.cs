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
        var plan = new DomainPlan(domain, context.CurrentUtcDateTime);
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
