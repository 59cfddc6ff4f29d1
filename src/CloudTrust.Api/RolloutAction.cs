using System.Text.Json;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>The answers a person gives a rollout through <c>POST /api/rollouts/{id}/{action}</c>, mapped to its events.</summary>
public static class RolloutAction
{
    /// <summary>Maps a route action to the workflow event it raises.</summary>
    /// <param name="action">approve, resume, abort or approve-deletion.</param>
    /// <param name="eventName">The event name.</param>
    /// <returns>The errors; empty when the action is known.</returns>
    public static IReadOnlyList<ValidationError> TryMap(string? action, out string eventName)
    {
        eventName = action switch
        {
            "approve" => RolloutEvents.Approve,
            "resume" => RolloutEvents.Resume,
            "abort" => RolloutEvents.Abort,
            "approve-deletion" => RolloutEvents.ApproveDeletion,
            _ => string.Empty,
        };
        return eventName.Length > 0 ? [] : [new ValidationError("action", "must be approve, resume, abort or approve-deletion")];
    }

    /// <summary>
    /// Reads the body of <c>approve-deletion</c>: <c>{ "ring": "&lt;name&gt;" }</c>, which must name the ring whose Hello
    /// containers the rollout waits to delete (deleting them destroys its users' WHfB credentials, so the caller says which).
    /// </summary>
    /// <param name="body">The request body (UTF-8 JSON).</param>
    /// <param name="status">The rollout's custom status.</param>
    /// <param name="by">Who asks (the caller's principal name), for the report.</param>
    /// <param name="approval">The event's payload when valid.</param>
    /// <returns>The errors; empty when the approval names the awaited ring.</returns>
    public static IReadOnlyList<ValidationError> ReadDeletionApproval(ReadOnlySpan<byte> body, RolloutStatus? status, string? by, out ContainerDeletionApproval? approval)
    {
        approval = null;
        string? ring;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("ring", out var element) || element.ValueKind != JsonValueKind.String)
            {
                return [new ValidationError("ring", "required: the name of the ring whose Hello containers may be deleted")];
            }

            ring = element.GetString();
        }
        catch (JsonException ex)
        {
            return [new ValidationError("body", $"not JSON: {ex.Message}")];
        }

        if (status is not { Phase: "awaitingDeletionApproval" } || !string.Equals(status.Ring, ring, StringComparison.Ordinal))
        {
            return [new ValidationError("ring", $"the rollout waits to delete the Hello containers of {(status?.Phase == "awaitingDeletionApproval" ? $"ring '{status.Ring}'" : "no ring")}, not '{ring}'")];
        }

        approval = new ContainerDeletionApproval(ring, by);
        return [];
    }

    /// <summary>
    /// Checks that the rollout can take an abort: in any phase until it has finished (an abort outside a gate is taken
    /// at its next safe point, see <see cref="RolloutWorkflow"/>), not twice.
    /// </summary>
    /// <param name="runtimeStatus">The host's status of the instance (Pending, Running, Completed, …).</param>
    /// <param name="status">The rollout's own custom status, if any.</param>
    /// <returns>The errors; empty when an abort is taken.</returns>
    public static IReadOnlyList<ValidationError> CheckAbortable(string runtimeStatus, RolloutStatus? status)
    {
        if (runtimeStatus is "Completed" or "Failed" or "Terminated" or "Canceled")
        {
            return [new ValidationError("action", $"the rollout has finished ({(runtimeStatus == "Completed" && status?.Phase is { } phase ? phase : runtimeStatus.ToLowerInvariant())}); there is nothing to abort")];
        }

        return status?.Phase == "aborted"
            ? [new ValidationError("action", "the rollout is being aborted already (rolling back)")]
            : [];
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
