using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Graph.Contracts;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Migration;

/// <summary>
/// Ships the Hello container deletion as one Intune Remediations script (beta <c>deviceHealthScripts</c>, run as the
/// user): found again by the marker in its description, created once, and assigned ring by ring — the ring's groups
/// are added to the list read back from the script, so earlier rings stay assigned.
/// </summary>
internal sealed partial class ContainerDeletionDeployment(GraphConnection graph, ILogger<ContainerDeletionDeployment> logger)
{
    /// <summary>The marker in the script's description that identifies it.</summary>
    public const string Marker = "[cloudtrust:hello-container-deletion]";

    /// <summary>The script's display name in Intune.</summary>
    public const string ScriptName = "CloudTrust WHfB container deletion (certificate trust to cloud trust)";

    private const string Root = "deviceManagement/deviceHealthScripts";

    public static string DetectionScript => Resource("CloudTrust.HelloContainer.Detect.ps1");

    public static string RemediationScript => Resource("CloudTrust.HelloContainer.Remove.ps1");

    public async Task<ContainerDeletionResult> DeployAsync(IReadOnlyList<Guid> groupIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        var existing = (await graph.Beta.GetAllAsync<HealthScript>(Root, cancellationToken))
            .FirstOrDefault(s => s.Description?.Contains(Marker, StringComparison.Ordinal) ?? false);
        var id = existing?.Id ?? (await graph.Beta.SendJsonAsync<HealthScript>(
            HttpMethod.Post,
            Root,
            new Dictionary<string, object>
            {
                ["displayName"] = ScriptName,
                ["description"] = "Deletes each user's Windows Hello for Business container once (certutil.exe -deletehellocontainer), so they provision again under cloud Kerberos trust. " + Marker,
                ["publisher"] = "CloudTrust",
                ["runAsAccount"] = "user",
                ["runAs32Bit"] = false,
                ["enforceSignatureCheck"] = false,
                ["detectionScriptContent"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(DetectionScript)),
                ["remediationScriptContent"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(RemediationScript)),
            },
            cancellationToken))!.Id;
        if (existing is null)
        {
            LogCreated(id);
        }

        var current = await graph.Beta.GetAllAsync<PolicyAssignment>($"{Root}/{Uri.EscapeDataString(id)}/assignments", cancellationToken);
        var assigned = current.Select(a => a.GroupId).OfType<Guid>().ToHashSet();
        var added = groupIds.Where(g => !assigned.Contains(g)).Distinct().ToList();
        if (added.Count > 0)
        {
            var kept = current.Select(a => (object)new Dictionary<string, object> { ["target"] = a.Target, ["runRemediationScript"] = true, ["runSchedule"] = Daily() });
            var fresh = added.Select(g => (object)new Dictionary<string, object>
            {
                ["target"] = new Dictionary<string, string> { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = g.ToString() },
                ["runRemediationScript"] = true,
                ["runSchedule"] = Daily(),
            });
            await graph.Beta.SendJsonAsync<JsonElement?>(HttpMethod.Post, $"{Root}/{Uri.EscapeDataString(id)}/assign", new Dictionary<string, object> { ["deviceHealthScriptAssignments"] = kept.Concat(fresh).ToList() }, cancellationToken);
            LogAssigned(id, added.Count, assigned.Count + added.Count);
        }

        return new ContainerDeletionResult(id, existing is null, [.. assigned.Concat(added)]);
    }

    /// <summary>Daily: a device that was off on the first day still runs it; the detection's per-user marker keeps it to one deletion.</summary>
    private static Dictionary<string, object> Daily() => new()
    {
        ["@odata.type"] = "#microsoft.graph.deviceHealthScriptDailySchedule",
        ["interval"] = 1,
        ["time"] = "09:00:00",
        ["useUtc"] = false,
    };

    private static string Resource(string name)
    {
        using var stream = typeof(ContainerDeletionDeployment).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the Hello container deletion script ({ScriptId})")]
    private partial void LogCreated(string scriptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hello container deletion ({ScriptId}) assigned to {Added} more group(s); {Count} in all")]
    private partial void LogAssigned(string scriptId, int added, int count);

    private sealed record HealthScript(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("displayName")] string? DisplayName,
        [property: JsonPropertyName("description")] string? Description);
}
