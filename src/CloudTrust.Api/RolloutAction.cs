using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>The answers a person gives a rollout through <c>POST /api/rollouts/{id}/{action}</c>, mapped to its events.</summary>
public static class RolloutAction
{
    /// <summary>Maps a route action to the workflow event it raises.</summary>
    /// <param name="action">approve, resume or abort.</param>
    /// <param name="eventName">The event name.</param>
    /// <returns>The errors; empty when the action is known.</returns>
    public static IReadOnlyList<ValidationError> TryMap(string? action, out string eventName)
    {
        eventName = action switch
        {
            "approve" => RolloutEvents.Approve,
            "resume" => RolloutEvents.Resume,
            "abort" => RolloutEvents.Abort,
            _ => string.Empty,
        };
        return eventName.Length > 0 ? [] : [new ValidationError("action", "must be approve, resume or abort")];
    }

    /// <summary>Checks that the rollout waits for this event now (a pause or an approval lists what it waits for).</summary>
    /// <param name="status">The rollout's custom status.</param>
    /// <param name="eventName">The event.</param>
    /// <returns>The errors; empty when the rollout waits for it.</returns>
    public static IReadOnlyList<ValidationError> CheckWaitingFor(RolloutStatus? status, string eventName)
        => status?.WaitingFor.Contains(eventName) == true
            ? []
            : [new ValidationError("action", $"the rollout is {status?.Phase ?? "not started"} and does not wait for '{eventName}' (it waits for: {string.Join(", ", status?.WaitingFor ?? [])})")];
}
