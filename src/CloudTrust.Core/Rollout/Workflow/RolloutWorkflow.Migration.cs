using System.Text.Json;
using CloudTrust.Core.Migration;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <content>
/// Precedence and migration: each ring's WHfB sources read and judged in preflight, and a ring's migration carried
/// out around its assignment — certificate trust taken away before cloud trust is assigned (and put back on an abort),
/// the Hello container deletion only after an approval naming the ring, then re-provisioning (or, from key trust,
/// the sign-out and in) tracked until the ring's deadline.
/// </content>
public sealed partial class RolloutWorkflow
{
    /// <summary>Reads every ring's WHfB sources (Intune and Group Policy) in one pass and analyzes each ring; reads only.</summary>
    private static async Task<IReadOnlyList<RingAnalysis>> AnalyzeRingsAsync(RolloutRun run)
    {
        var plan = run.Plan;
        run.Status("precedence", null, 0, null, null, [], []);
        var read = await run.Context.CallActivityAsync<HelloSourcesReading>(RolloutActivityNames.ReadHelloSources, HelloSourcesInput.For(plan), Retry);
        return RingAnalyzer.AnalyzeAll(plan, read);
    }

    /// <summary>For a ring migrating from certificate trust: takes its groups out of the certificate-trust policies (reversible).</summary>
    private static async Task<RingMigrationProgress?> DisableCertificateTrustAsync(RolloutRun run, int index, RingAnalysis analysis)
    {
        var ring = run.Plan.Rings[index];
        if (ring.MigrateFrom is not { } from)
        {
            return null;
        }

        if (from != TrustModel.CertificateTrust || analysis.CertificateTrust.Policies.Count == 0)
        {
            return new RingMigrationProgress(from, []);
        }

        run.Status("disablingCertificateTrust", ring.Name, index + 1, null, null, [.. analysis.CertificateTrust.Policies.Select(p => $"taking the ring out of '{p.Name}' ({p.SourceId})")], []);
        var changed = await run.Context.CallActivityAsync<CertificateTrustResult>(RolloutActivityNames.DisableCertificateTrust, analysis.CertificateTrust, Retry);
        return new RingMigrationProgress(from, changed.Changed);
    }

    /// <summary>After the ring's gate: the container deletion (approved) and re-provisioning, or the key-trust sign-in tracking.</summary>
    private static async Task<RingOutcome> FinishMigrationAsync(RolloutRun run, int index, RingAnalysis analysis, RingReport report)
    {
        var migration = report.Migration;
        if (migration is null)
        {
            return new RingOutcome(report, false);
        }

        if (run.Abort.Requested)
        {
            return new RingOutcome(report, true);
        }

        if (migration.From == TrustModel.KeyTrust)
        {
            var tracked = report with { Migration = migration with { SignIn = await TrackSignInAsync(run, index, report) } };
            return new RingOutcome(tracked, run.Abort.Requested);
        }

        if (migration.From != TrustModel.CertificateTrust)
        {
            return new RingOutcome(report, false);
        }

        var approval = await WaitForDeletionApprovalAsync(run, index, analysis, report);
        if (approval is null)
        {
            return new RingOutcome(report, true);
        }

        var ring = run.Plan.Rings[index];
        var context = run.Context;
        var deployedAt = context.CurrentUtcDateTime;
        run.Status("deletingContainers", ring.Name, index + 1, report.Counts, report.Verdict, [$"approved by {approval.By ?? "(unnamed)"}: deploying the Hello container deletion to the ring"], []);
        var deployed = await context.CallActivityAsync<ContainerDeletionResult>(RolloutActivityNames.DeployContainerDeletion, new ContainerDeletionInput(ring.GroupIds), Retry);
        migration = migration with { DeletionApproval = approval, DeletionScriptId = deployed.ScriptId };
        var until = deployedAt + ring.VerificationDeadline;

        // Tracked up to the ring's deadline in its own instance, which continues as new: no history grows with it.
        var status = RolloutStatus.Create("reprovisioning", ring.Name, index + 1, run.Plan.Rings.Count, report.Counts, report.Verdict, [], [], onPremises: run.OnPremises);
        run.Show(status);
        var progress = await run.UntilAbortAsync(
            () => context.CallSubWorkflowAsync<ReprovisioningStatus>(
                ReprovisioningTrackingWorkflow.Name,
                new ReprovisioningTrackingRequest(ring.GroupIds, deployed.ScriptId, deployedAt, until, run.Plan.PollInterval, status),
                RolloutChildInstances.ReprovisioningOf(context.InstanceId, index + 1)),
            RolloutChildInstances.ReprovisioningOf(context.InstanceId, index + 1));
        if (progress is null || run.Abort.Requested)
        {
            // Past the point of no return: the containers are deleted; the assignments are rolled back as at a gate.
            return new RingOutcome(report with { Migration = migration with { Reprovisioning = progress } }, true);
        }

        var reasons = progress.Reprovisioned < progress.Users
            ? [.. report.Reasons, $"{progress.Users - progress.Reprovisioned} user(s) had not provisioned WHfB again by the ring's deadline"]
            : report.Reasons;
        return new RingOutcome(report with { Reasons = reasons, Migration = migration with { Reprovisioning = progress } }, false);
    }

    /// <summary>Waits for an approval that names this ring, or an abort (null).</summary>
    private static async Task<ContainerDeletionApproval?> WaitForDeletionApprovalAsync(RolloutRun run, int index, RingAnalysis analysis, RingReport report)
    {
        var ring = run.Plan.Rings[index];
        var reasons = new List<string>(analysis.Migration.Warnings)
        {
            $"deleting the Hello containers of ring '{ring.Name}' cannot be undone: its users lose their WHfB credentials and provision again; approve for this ring, or abort (certificate trust is restored)",
        };
        while (true)
        {
            run.Status("awaitingDeletionApproval", ring.Name, index + 1, report.Counts, report.Verdict, reasons, [RolloutEvents.ApproveDeletion, RolloutEvents.Abort]);
            var (aborted, payload) = await WaitOrAbortAsync<JsonElement?>(run, RolloutEvents.ApproveDeletion);
            if (aborted)
            {
                return null;
            }

            var approval = ContainerDeletionApproval.From(payload);
            if (string.Equals(approval.Ring, ring.Name, StringComparison.Ordinal))
            {
                return approval;
            }

            reasons.Add($"an approval for ring '{approval.Ring ?? "(none named)"}' was not taken: this ring is '{ring.Name}'");
        }
    }

    /// <summary>Ships the ticket probe to the ring and polls it until every targeted device reported or the ring's deadline.</summary>
    private static async Task<TicketProbeSummary?> TrackSignInAsync(RolloutRun run, int index, RingReport report)
    {
        var context = run.Context;
        var ring = run.Plan.Rings[index];
        var groups = run.Plan.Rings.Take(index + 1).Where(r => r.MigrateFrom == TrustModel.KeyTrust).SelectMany(r => r.GroupIds).Distinct().ToList();
        var deployed = await context.CallActivityAsync<TicketProbeDeployResult>(RolloutActivityNames.DeployTicketProbe, new TicketProbeDeployInput(groups), Retry);
        var until = context.CurrentUtcDateTime + ring.VerificationDeadline;
        var targeted = report.Counts?.Targeted ?? 0;

        // Tracked up to the ring's deadline in its own instance, which continues as new: no history grows with it.
        var status = RolloutStatus.Create("signInTracking", ring.Name, index + 1, run.Plan.Rings.Count, report.Counts, report.Verdict, [], [], onPremises: run.OnPremises);
        run.Show(status);
        return await run.UntilAbortAsync(
            () => context.CallSubWorkflowAsync<TicketProbeSummary>(
                TicketProbeTrackingWorkflow.Name,
                new TicketProbeTrackingRequest(deployed.ScriptId, ring.GroupIds, targeted, true, until, run.Plan.PollInterval, status),
                RolloutChildInstances.SignIn(context.InstanceId, index + 1)),
            RolloutChildInstances.SignIn(context.InstanceId, index + 1));
    }

    /// <summary>On an abort before the container deletion: puts the ring back into the certificate-trust policies.</summary>
    private static async Task<RingReport> UndoMigrationAsync(RolloutRun run, RingReport report)
    {
        if (report.Migration is not { CertificateTrustDisabled.Count: > 0, DeletionScriptId: null } migration)
        {
            return report;
        }

        await run.Context.CallActivityAsync<CertificateTrustResult>(RolloutActivityNames.RestoreCertificateTrust, new CertificateTrustInput(migration.CertificateTrustDisabled), Retry);
        return report with { Migration = migration with { CertificateTrustRestored = true } };
    }
}
