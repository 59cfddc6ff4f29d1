namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// Where a ring's verification runs and how status readers see it: the rollout starts one
/// <see cref="RingVerificationWorkflow"/> instance per ring with an id derived from its own, and while the rollout
/// waits for it (phase <c>verifying</c>) the ring's instance holds the current counts and verdict.
/// </summary>
public static class RingVerificationInstance
{
    /// <summary>Gets the id of the ring's verification instance: the rollout's id and the ring's number.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="ringNumber">The ring's number, from 1.</param>
    /// <returns>For example <c>rollout-change-1.ring-2</c> (letters, digits, '-', '_' and '.', as instance ids in routes).</returns>
    public static string IdFor(string rolloutId, int ringNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rolloutId);
        ArgumentOutOfRangeException.ThrowIfLessThan(ringNumber, 1);
        return $"{rolloutId}.ring-{ringNumber}";
    }

    /// <summary>Gets the ring instance whose status is current for the rollout now, if any.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="status">The rollout's own custom status.</param>
    /// <returns>The ring instance's id while the rollout verifies a ring; null otherwise.</returns>
    public static string? ToRead(string rolloutId, RolloutStatus? status)
        => status is { Phase: "verifying", RingNumber: > 0 } ? IdFor(rolloutId, status.RingNumber) : null;

    /// <summary>Gets the status to show: the ring's while the rollout verifies that ring, else the rollout's own.</summary>
    /// <param name="rollout">The rollout's custom status.</param>
    /// <param name="ring">The custom status of the instance <see cref="ToRead"/> named, if read.</param>
    /// <returns>The current status.</returns>
    public static RolloutStatus? Current(RolloutStatus? rollout, RolloutStatus? ring)
        => rollout is { Phase: "verifying" } && ring is not null && ring.RingNumber == rollout.RingNumber && ring.Ring == rollout.Ring
            ? ring
            : rollout;
}
