namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>Who aborted a rollout and where it was when it took the abort (its next safe point).</summary>
/// <param name="By">Who asked (the abort's <c>by</c>: the user name on the command line, the signed-in principal over HTTP).</param>
/// <param name="Phase">The phase the rollout was in, for example <c>verifying</c>, <c>paused</c> or <c>signInTracking</c>.</param>
/// <param name="Ring">The ring it was at, if any.</param>
/// <param name="RingNumber">That ring's number, from 1 (0 before the first ring).</param>
public sealed record RolloutAbort(string By, string Phase, string? Ring, int RingNumber)
{
    /// <summary>Gets the sentence a status and a report show: who, at which phase and ring.</summary>
    /// <returns>For example <c>aborted by alice during signInTracking of ring 2 'broad'</c>.</returns>
    public string Describe() => $"aborted by {By} during {Phase}" + (RingNumber > 0 ? $" of ring {RingNumber} '{Ring}'" : string.Empty);
}
