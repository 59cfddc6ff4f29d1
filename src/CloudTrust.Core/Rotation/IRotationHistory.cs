namespace CloudTrust.Core.Rotation;

/// <summary>
/// Where every key-rotation attempt is kept, so an auditor can see when each domain's key last changed and why a run
/// skipped or failed. The command line keeps it in SQLite beside its journal; the Functions host keeps it in Azure
/// Table Storage (Flex Consumption has no persistent shared disk).
/// </summary>
/// <remarks>
/// Every store keeps one attempt per run and domain, the domain compared without case (DNS names): recording it again
/// (a retried activity) replaces it. Lists come newest first: by <see cref="RotationAttempt.FinishedAt"/> descending,
/// then domain (ignoring case), then run id (ordinal).
/// </remarks>
public interface IRotationHistory
{
    /// <summary>Keeps an attempt, replacing the one of the same run and domain.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the attempt is kept.</returns>
    Task RecordAsync(RotationAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Lists attempts, newest first.</summary>
    /// <param name="domain">Only this domain (any case), when given.</param>
    /// <param name="since">Only attempts finished at or after this time, when given.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The attempts.</returns>
    Task<IReadOnlyList<RotationAttempt>> ListAsync(string? domain, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Returns the newest attempt of one domain, whatever its outcome.</summary>
    /// <param name="domain">The domain (any case).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The attempt, or null when none was recorded.</returns>
    Task<RotationAttempt?> LatestAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Returns when each domain's key last changed through CloudTrust: its newest <see cref="RotationOutcome.Rotated"/> attempt.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Domain (compared without case) to its last rotation.</returns>
    Task<IReadOnlyDictionary<string, RotationAttempt>> LastRotationsAsync(CancellationToken cancellationToken);
}
