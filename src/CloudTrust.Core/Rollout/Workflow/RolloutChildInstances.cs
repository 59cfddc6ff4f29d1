namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// The rollout's polling sub-workflows: where each runs and how status readers see it. The rollout starts one instance
/// per ring for its verification (<see cref="RingVerificationWorkflow"/>), per migrating ring for its sign-in or
/// re-provisioning tracking, and one for the final ticket probe, each with an id derived from its own; while the
/// rollout waits for one (its phase names which), that instance's custom status holds the current counts and reasons.
/// Ids use letters, digits, '-', '_' and '.', as instance ids in routes.
/// </summary>
public static class RolloutChildInstances
{
    private const string Verifying = "verifying";
    private const string SignInTracking = "signInTracking";
    private const string Reprovisioning = "reprovisioning";
    private const string TicketProbing = "ticketProbe";

    /// <summary>Gets the id of a ring's verification instance: the rollout's id and the ring's number.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="ringNumber">The ring's number, from 1.</param>
    /// <returns>For example <c>rollout-change-1.ring-2</c>.</returns>
    public static string RingVerification(string rolloutId, int ringNumber) => Ring(rolloutId, ringNumber);

    /// <summary>Gets the id of a key-trust ring's sign-in tracking instance.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="ringNumber">The ring's number, from 1.</param>
    /// <returns>For example <c>rollout-change-1.ring-2.sign-in</c>.</returns>
    public static string SignIn(string rolloutId, int ringNumber) => Ring(rolloutId, ringNumber) + ".sign-in";

    /// <summary>Gets the id of a certificate-trust ring's re-provisioning tracking instance.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="ringNumber">The ring's number, from 1.</param>
    /// <returns>For example <c>rollout-change-1.ring-2.reprovisioning</c>.</returns>
    public static string ReprovisioningOf(string rolloutId, int ringNumber) => Ring(rolloutId, ringNumber) + ".reprovisioning";

    /// <summary>Gets the id of the final ticket probe's tracking instance.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <returns>For example <c>rollout-change-1.ticket-probe</c>.</returns>
    public static string TicketProbe(string rolloutId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rolloutId);
        return rolloutId + ".ticket-probe";
    }

    /// <summary>Gets every child instance id a rollout of <paramref name="ringCount"/> rings may have started.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="ringCount">How many rings its plan has.</param>
    /// <returns>The ids, ring by ring, the ticket probe last.</returns>
    public static IReadOnlyList<string> All(string rolloutId, int ringCount)
        => [.. Enumerable.Range(1, ringCount).SelectMany(n => new[] { RingVerification(rolloutId, n), SignIn(rolloutId, n), ReprovisioningOf(rolloutId, n) }), TicketProbe(rolloutId)];

    /// <summary>Gets the child instance whose status is current for the rollout now, if any.</summary>
    /// <param name="rolloutId">The rollout's instance id.</param>
    /// <param name="status">The rollout's own custom status.</param>
    /// <returns>The child's id while the rollout waits for one; null otherwise.</returns>
    public static string? ToRead(string rolloutId, RolloutStatus? status) => status switch
    {
        { Phase: Verifying, RingNumber: > 0 } => RingVerification(rolloutId, status.RingNumber),
        { Phase: SignInTracking, RingNumber: > 0 } => SignIn(rolloutId, status.RingNumber),
        { Phase: Reprovisioning, RingNumber: > 0 } => ReprovisioningOf(rolloutId, status.RingNumber),
        { Phase: TicketProbing } => TicketProbe(rolloutId),
        _ => null,
    };

    /// <summary>Gets the status to show: the child's while the rollout waits for it in the same phase and ring, else the rollout's own.</summary>
    /// <param name="rollout">The rollout's custom status.</param>
    /// <param name="child">The custom status of the instance <see cref="ToRead"/> named, if read.</param>
    /// <returns>The current status.</returns>
    public static RolloutStatus? Current(RolloutStatus? rollout, RolloutStatus? child)
        => rollout is { Phase: Verifying or SignInTracking or Reprovisioning or TicketProbing } && child is not null
            && child.Phase == rollout.Phase && child.RingNumber == rollout.RingNumber && child.Ring == rollout.Ring
            ? child
            : rollout;

    private static string Ring(string rolloutId, int ringNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rolloutId);
        ArgumentOutOfRangeException.ThrowIfLessThan(ringNumber, 1);
        return $"{rolloutId}.ring-{ringNumber}";
    }
}
