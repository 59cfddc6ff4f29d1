using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.History;

/// <summary>The <see cref="RotationActivities.RecordRotationAttempt"/> activity: keeps an attempt in the history.</summary>
/// <param name="history">The history store.</param>
public sealed class RecordRotationAttemptActivity(SqliteRotationHistory history) : IActivity<RotationAttempt, bool>
{
    /// <inheritdoc />
    public Task<bool> RunAsync(RotationAttempt input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        history.Record(input);
        return Task.FromResult(true);
    }
}
