using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Migration;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Puts a ring's groups back into the certificate-trust policies' assignment lists (the rollback of <see cref="DisableCertificateTrustActivity"/>).</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class RestoreCertificateTrustActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<CertificateTrustInput, CertificateTrustResult>
{
    /// <inheritdoc />
    public Task<CertificateTrustResult> RunAsync(CertificateTrustInput input, CancellationToken cancellationToken)
        => new CertificateTrustAssignments(graph, loggers).RestoreAsync(input, cancellationToken);
}
