using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.History;

/// <summary>The <see cref="RotationActivities.ReadLastRotation"/> activity: when CloudTrust last rotated a domain's key, from the history.</summary>
/// <param name="history">The history store.</param>
public sealed class ReadLastRotationActivity(IRotationHistory history) : IActivity<KerberosDomainRequest, LastRotation>
{
    /// <inheritdoc />
    public async Task<LastRotation> RunAsync(KerberosDomainRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var last = (await history.LastRotationsAsync(cancellationToken)).FirstOrDefault(r => string.Equals(r.Key, input.Domain, StringComparison.OrdinalIgnoreCase));
        return new LastRotation(input.Domain, last.Value?.NewKeyUpdatedOn ?? last.Value?.FinishedAt);
    }
}
