using System.Globalization;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Tickets;

namespace CloudTrust.Core.Rollout.Gate;

/// <summary>
/// Decides whether a ring may be followed by the next: fail as soon as the error share exceeds the ring's
/// maximum; pass once the soak time is over and the success share meets the threshold; fail when the
/// verification deadline passes below the threshold; otherwise keep waiting. A ring with a ticket threshold passes only
/// once its policy part passes and enough of its devices reported the ticket probe with both tickets; its reasons then
/// start with <c>policy:</c> or <c>tickets:</c>, so an admin sees which part held the ring.
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

    /// <summary>Evaluates the policy report and, when the ring asks for it, the ticket evidence.</summary>
    /// <param name="ring">The ring and its thresholds.</param>
    /// <param name="counts">The ring's device states.</param>
    /// <param name="tickets">The ring's ticket probe counts so far; null when none were read.</param>
    /// <param name="sinceAssigned">Time since the ring was assigned.</param>
    /// <returns>The decision.</returns>
    public static GateDecision Evaluate(RolloutRing ring, RingCounts counts, TicketCounts? tickets, TimeSpan sinceAssigned)
    {
        var policy = Evaluate(ring, counts, sinceAssigned);
        if (ring.TicketThreshold is not { } threshold)
        {
            return policy;
        }

        var policyReasons = policy.Reasons.Select(r => "policy: " + r).ToList();
        tickets ??= new TicketCounts(0, 0, 0, 0);
        var deadline = sinceAssigned >= ring.VerificationDeadline;
        if (policy.Verdict != GateVerdict.Pass)
        {
            return new GateDecision(policy.Verdict, [.. policyReasons, Progress(tickets, threshold, ring.MinTicketReports)]);
        }

        if (tickets.Reported < ring.MinTicketReports)
        {
            var few = Text($"tickets: {tickets.Reported} device(s) reported the ticket probe; the share counts from {ring.MinTicketReports}");
            return new GateDecision(deadline ? GateVerdict.Fail : GateVerdict.Wait, [deadline ? few + " and the verification deadline passed" : few, .. policyReasons]);
        }

        if (tickets.WorkingShare >= threshold)
        {
            return new GateDecision(GateVerdict.Pass, [.. policyReasons, Text($"tickets: {tickets.WorkingShare:P1} of {tickets.Reported} reporting device(s) hold both CloudTgt and OnPremTgt, meeting the threshold {threshold:P1}")]);
        }

        var below = Text($"tickets: {tickets.WorkingShare:P1} of {tickets.Reported} reporting device(s) hold both CloudTgt and OnPremTgt, below the threshold {threshold:P1}");
        return deadline
            ? new GateDecision(GateVerdict.Fail, [below + " at the verification deadline, although the policy report passes", .. policyReasons])
            : new GateDecision(GateVerdict.Wait, [below + Text($"; deadline in {ring.VerificationDeadline - sinceAssigned}"), .. policyReasons]);
    }

    private static string Progress(TicketCounts tickets, double threshold, int minReports)
        => Text($"tickets: {tickets.Working} of {tickets.Reported} reporting device(s) hold both tickets (threshold {threshold:P1} once {minReports} report)");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
