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
}
