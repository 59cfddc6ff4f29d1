using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>What a ring's migration to cloud trust did.</summary>
/// <param name="From">The trust model the ring migrated from.</param>
/// <param name="CertificateTrustDisabled">The certificate-trust assignments taken away from the ring (per policy, the groups removed).</param>
/// <param name="CertificateTrustRestored">Whether they were put back (an abort before the container deletion).</param>
/// <param name="DeletionApproval">The approval the container deletion waited for, once given.</param>
/// <param name="DeletionScriptId">The container-deletion Remediations script, once deployed to the ring (the point of no return).</param>
/// <param name="Reprovisioning">How far the ring's users are through provisioning WHfB again.</param>
/// <param name="SignIn">For key trust: what the ticket probe says of the ring's devices after users signed out and in.</param>
public sealed record RingMigrationProgress(
    TrustModel From,
    IReadOnlyList<SourceAssignment> CertificateTrustDisabled,
    bool CertificateTrustRestored = false,
    ContainerDeletionApproval? DeletionApproval = null,
    string? DeletionScriptId = null,
    ReprovisioningStatus? Reprovisioning = null,
    TicketProbeSummary? SignIn = null);
