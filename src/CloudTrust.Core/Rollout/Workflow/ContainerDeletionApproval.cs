using System.Text.Json;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>The payload of <see cref="RolloutEvents.ApproveDeletion"/>: which ring's WHfB containers may be deleted, and who said so.</summary>
/// <param name="Ring">The ring's name; an approval naming another ring is not taken.</param>
/// <param name="By">Who approved (an account name), for the report.</param>
public sealed record ContainerDeletionApproval(string? Ring, string? By)
{
    /// <summary>
    /// Reads an event payload leniently: an object with string <c>ring</c> and <c>by</c> properties (any case); anything
    /// else (no payload, a bare string, a number) is an approval naming no ring, which the rollout does not take.
    /// </summary>
    /// <param name="payload">The raised event's payload.</param>
    /// <returns>The approval.</returns>
    public static ContainerDeletionApproval From(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } element)
        {
            return new ContainerDeletionApproval(null, null);
        }

        string? Text(string name) => element.EnumerateObject()
            .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => p.Value.GetString())
            .FirstOrDefault();
        return new ContainerDeletionApproval(Text("ring"), Text("by"));
    }
}
