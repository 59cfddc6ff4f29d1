using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph;

/// <summary>Graph's <c>assign</c> semantics: the posted list replaces the previous one; groups kept keep their first-assigned time.</summary>
internal static class AssignmentSet
{
    public static void Replace(Dictionary<Guid, DateTimeOffset> assignments, IEnumerable<Guid> groups, DateTimeOffset now)
    {
        var previous = new Dictionary<Guid, DateTimeOffset>(assignments);
        assignments.Clear();
        foreach (var group in groups.Distinct())
        {
            assignments[group] = previous.TryGetValue(group, out var at) ? at : now;
        }
    }

    /// <summary>Reads the target group ids of an <c>assign</c> body's array; null when one has no valid groupId.</summary>
    public static List<Guid>? ReadGroupTargets(JsonObject? body, string arrayName)
    {
        var groups = new List<Guid>();
        foreach (var item in body?[arrayName] as JsonArray ?? [])
        {
            if (!Guid.TryParse(item?["target"]?["groupId"]?.GetValue<string>(), out var group))
            {
                return null;
            }

            groups.Add(group);
        }

        return groups;
    }
}
