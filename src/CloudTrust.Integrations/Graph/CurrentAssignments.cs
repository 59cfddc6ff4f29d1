namespace CloudTrust.Integrations.Graph;

/// <summary>A profile's assignment list as it is now: the included groups, and every other target described.</summary>
/// <param name="Groups">The group inclusion targets' group ids.</param>
/// <param name="OtherTargets">Every other target, for example <c>allDevicesAssignmentTarget</c> or <c>exclusionGroupAssignmentTarget 〈group id〉</c>.</param>
internal sealed record CurrentAssignments(IReadOnlyList<Guid> Groups, IReadOnlyList<string> OtherTargets)
{
    /// <summary>Gets the list of a profile that does not exist yet.</summary>
    public static CurrentAssignments None { get; } = new([], []);

    /// <summary>Describes a target: its OData type without the namespace, and its group when it names one.</summary>
    public static string Describe(string? odataType, string? groupId)
    {
        var type = odataType is null ? "unknown target" : odataType.Replace("#microsoft.graph.", string.Empty, StringComparison.Ordinal);
        return groupId is null ? type : $"{type} {groupId}";
    }
}
