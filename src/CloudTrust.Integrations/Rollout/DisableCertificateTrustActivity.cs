using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Migration;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Takes a ring's groups out of the certificate-trust policies' assignment lists (undone by <see cref="RestoreCertificateTrustActivity"/>).</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class DisableCertificateTrustActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<CertificateTrustInput, CertificateTrustResult>
{
    /// <inheritdoc />
    public Task<CertificateTrustResult> RunAsync(CertificateTrustInput input, CancellationToken cancellationToken)
        => new CertificateTrustAssignments(graph, loggers).DisableAsync(input, cancellationToken);
}
