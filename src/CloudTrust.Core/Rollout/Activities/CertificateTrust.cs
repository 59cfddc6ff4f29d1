namespace CloudTrust.Core.Rollout.Activities;

/// <summary>
/// Input of <see cref="RolloutActivityNames.DisableCertificateTrust"/> and <see cref="RolloutActivityNames.RestoreCertificateTrust"/>:
/// the certificate-trust policies and the ring groups to take out of (or put back into) their assignment lists.
/// It comes from a journaled read (<see cref="HelloSourcesResult.CertificateTrustAssignments"/>), so a retried or
/// replayed call sends the same change and the restore knows exactly what to put back.
/// </summary>
/// <param name="Policies">The policies and their ring groups.</param>
public sealed record CertificateTrustInput(IReadOnlyList<SourceAssignment> Policies);

/// <summary>Output of both certificate-trust activities.</summary>
/// <param name="Changed">Per policy, the groups this call actually removed (disable) or added back (restore); a repeat changes nothing.</param>
public sealed record CertificateTrustResult(IReadOnlyList<SourceAssignment> Changed);
