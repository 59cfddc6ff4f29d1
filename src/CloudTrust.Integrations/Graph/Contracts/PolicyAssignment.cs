using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>A policy assignment; its target is kept as raw JSON so that targets we do not manage are sent back unchanged.</summary>
/// <param name="Id">The assignment id.</param>
/// <param name="Target">The target (<c>groupAssignmentTarget</c>, <c>allDevicesAssignmentTarget</c>, …).</param>
internal sealed record PolicyAssignment(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("target")] JsonElement Target)
{
    /// <summary>Gets the group id when the target is a group inclusion; null otherwise.</summary>
    public Guid? GroupId
        => Target.ValueKind == JsonValueKind.Object
            && Target.TryGetProperty("@odata.type", out var type) && type.GetString() == "#microsoft.graph.groupAssignmentTarget"
            && Target.TryGetProperty("groupId", out var group) && Guid.TryParse(group.GetString(), out var id)
                ? id
                : null;
}
