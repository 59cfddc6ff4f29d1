using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.History;

/// <summary>The <see cref="RotationActivities.RecordRotationAttempt"/> activity: keeps an attempt in the history.</summary>
/// <param name="history">The history store: SQLite in the command line, Azure Table Storage in the Functions host.</param>
public sealed class RecordRotationAttemptActivity(IRotationHistory history) : IActivity<RotationAttempt, bool>
{
    /// <inheritdoc />
    public async Task<bool> RunAsync(RotationAttempt input, CancellationToken cancellationToken)
    {
        await history.RecordAsync(input, cancellationToken);
        return true;
    }
}
