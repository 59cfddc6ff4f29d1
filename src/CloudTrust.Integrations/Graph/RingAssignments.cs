using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Integrations.Graph.Contracts;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Changes a policy's assignment list with <c>assign</c>, which replaces the whole list: reads the current list
/// first and sends it back with our changes, so targets a person added by hand are kept. Sends nothing when the
/// list would not change.
/// </summary>
internal sealed partial class RingAssignments(BetaGraphClient beta, ILogger<RingAssignments> logger)
{
    /// <summary>Reads the policy's assignment list as it is now (reads only).</summary>
    public async Task<CurrentAssignments> ReadAsync(string policyId, CancellationToken cancellationToken)
    {
        var current = await ReadListAsync(policyId, cancellationToken);
        return new CurrentAssignments(
            [.. current.Select(a => a.GroupId).OfType<Guid>().Distinct()],
            [.. current.Where(a => a.GroupId is null).Select(a => CurrentAssignments.Describe(TypeOf(a.Target), TargetGroupOf(a.Target)))]);
    }

    public async Task<AssignGroupsResult> ChangeAsync(string policyId, IReadOnlyList<Guid> add, IReadOnlyList<Guid> remove, CancellationToken cancellationToken)
    {
        var path = PathOf(policyId);
        var current = await ReadListAsync(policyId, cancellationToken);
        var currentGroups = current.Select(a => a.GroupId).OfType<Guid>().ToHashSet();
        var added = add.Where(g => !currentGroups.Contains(g)).Distinct().ToList();
        var removed = remove.Where(currentGroups.Contains).Distinct().ToList();
        var kept = current.Where(a => a.GroupId is not { } g || !removed.Contains(g)).Select(a => a.Target).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            LogNoChange(policyId, currentGroups.Count);
            return new AssignGroupsResult([.. currentGroups], [], []);
        }

        var targets = kept.Select(t => (object)t)
            .Concat(added.Select(g => (object)new Dictionary<string, string> { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = g.ToString() }))
            .Select(t => new Dictionary<string, object> { ["target"] = t })
            .ToList();
        await beta.SendJsonAsync<JsonElement?>(HttpMethod.Post, path + "/assign", new Dictionary<string, object> { ["assignments"] = targets }, cancellationToken);
        var after = currentGroups.Except(removed).Concat(added).ToList();
        LogAssigned(policyId, added.Count, removed.Count, after.Count);
        return new AssignGroupsResult(after, added, removed);
    }

    private static string PathOf(string policyId) => $"deviceManagement/configurationPolicies/{Uri.EscapeDataString(policyId)}";

    private static string? TypeOf(JsonElement target)
        => target.ValueKind == JsonValueKind.Object && target.TryGetProperty("@odata.type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static string? TargetGroupOf(JsonElement target)
        => target.ValueKind == JsonValueKind.Object && target.TryGetProperty("groupId", out var group) && group.ValueKind == JsonValueKind.String ? group.GetString() : null;

    private Task<List<PolicyAssignment>> ReadListAsync(string policyId, CancellationToken cancellationToken)
        => beta.GetAllAsync<PolicyAssignment>(PathOf(policyId) + "/assignments", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyId}: assignments unchanged ({Count} groups)")]
    private partial void LogNoChange(string policyId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyId}: assigned {Added} group(s), removed {Removed}; now {Count} groups")]
    private partial void LogAssigned(string policyId, int added, int removed, int count);
}
