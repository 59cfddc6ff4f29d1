using System.Globalization;
using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Gate;

/// <summary>
/// Decides whether a ring may be followed by the next: fail as soon as the error share exceeds the ring's
/// maximum; pass once the soak time is over and the success share meets the threshold; fail when the
/// verification deadline passes below the threshold; otherwise keep waiting.
/// </summary>
public static class RingGate
{
    /// <summary>Evaluates the evidence for a ring.</summary>
    /// <param name="ring">The ring and its thresholds.</param>
    /// <param name="counts">The ring's device states.</param>
    /// <param name="sinceAssigned">Time since the ring was assigned.</param>
    /// <returns>The decision.</returns>
    public static GateDecision Evaluate(RolloutRing ring, RingCounts counts, TimeSpan sinceAssigned)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Targeted == 0)
        {
            return new GateDecision(GateVerdict.Fail, ["the ring's groups contain no devices"]);
        }

        if (counts.ErrorShare > ring.MaxErrorShare)
        {
            return new GateDecision(GateVerdict.Fail, [Text($"error share {counts.ErrorShare:P1} ({counts.Errors} errors, {counts.Conflicts} conflicts of {counts.Targeted}) exceeds the maximum {ring.MaxErrorShare:P1}")]);
        }

        if (sinceAssigned < ring.Soak)
        {
            return new GateDecision(GateVerdict.Wait, [$"soaking for {Duration(ring.Soak)} after assignment, {Duration(ring.Soak - sinceAssigned)} left"]);
        }

        if (counts.SuccessShare >= ring.SuccessThreshold)
        {
            return new GateDecision(GateVerdict.Pass, [Text($"success share {counts.SuccessShare:P1} meets the threshold {ring.SuccessThreshold:P1}")]);
        }

        if (sinceAssigned >= ring.VerificationDeadline)
        {
            return new GateDecision(GateVerdict.Fail, [Text($"success share {counts.SuccessShare:P1} is below the threshold {ring.SuccessThreshold:P1} at the verification deadline ({counts.Pending} devices pending)")]);
        }

        return new GateDecision(GateVerdict.Wait, [Text($"success share {counts.SuccessShare:P1} below {ring.SuccessThreshold:P1}; verification deadline in {Duration(ring.VerificationDeadline - sinceAssigned)}")]);
    }

    /// <summary>A span as people read it: <c>4 h</c>, <c>1 h 20 min</c>, <c>2 d 4 h</c>, <c>under a minute</c>.</summary>
    private static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return "under a minute";
        }

        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(Text($"{span.Days} d"));
        }

        if (span.Hours > 0)
        {
            parts.Add(Text($"{span.Hours} h"));
        }

        if (span.Minutes > 0 && span.Days == 0)
        {
            parts.Add(Text($"{span.Minutes} min"));
        }

        return string.Join(' ', parts);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
