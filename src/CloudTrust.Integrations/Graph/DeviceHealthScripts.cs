using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrust.Integrations.Graph.Contracts;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// The Intune Remediations calls the ticket probe and the container deletion share (beta <c>deviceHealthScripts</c>):
/// find a script, or create it run as the user from scripts embedded in this assembly, read its assignment list,
/// and assign it (the posted list replaces the whole list) on a daily schedule.
/// </summary>
internal sealed class DeviceHealthScripts(BetaGraphClient beta)
{
    private const string Root = "deviceManagement/deviceHealthScripts";

    /// <summary>Finds the first script that <paramref name="match"/> accepts (reads only).</summary>
    /// <returns>Its id, or null when none does.</returns>
    public async Task<string?> FindAsync(Func<HealthScript, bool> match, CancellationToken cancellationToken)
        => (await beta.GetAllAsync<HealthScript>(Root, cancellationToken)).FirstOrDefault(match)?.Id;

    /// <summary>Finds the first script that <paramref name="match"/> accepts, or creates it when none does.</summary>
    /// <returns>Its id, and whether this call created it.</returns>
    public async Task<(string Id, bool Created)> EnsureAsync(Func<HealthScript, bool> match, HealthScriptDefinition definition, CancellationToken cancellationToken)
    {
        if (await FindAsync(match, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var body = new Dictionary<string, object>
        {
            ["displayName"] = definition.DisplayName,
            ["description"] = definition.Description,
            ["publisher"] = "CloudTrust",
            ["runAsAccount"] = "user",
            ["runAs32Bit"] = false,
            ["enforceSignatureCheck"] = false,
            ["detectionScriptContent"] = Base64(definition.DetectionScript),
            ["remediationScriptContent"] = definition.RemediationScript is null ? string.Empty : Base64(definition.RemediationScript),
        };
        var created = await beta.SendJsonAsync<HealthScript>(HttpMethod.Post, Root, body, cancellationToken)
            ?? throw new GraphRequestException(201, "EmptyBody", "create returned no script", $"POST {Root}");
        return (created.Id, true);
    }

    /// <summary>Reads the script's assignment list as it is now.</summary>
    public Task<List<PolicyAssignment>> ReadAssignmentsAsync(string scriptId, CancellationToken cancellationToken)
        => beta.GetAllAsync<PolicyAssignment>($"{Root}/{Uri.EscapeDataString(scriptId)}/assignments", cancellationToken);

    /// <summary>Replaces the script's assignment list with <paramref name="keep"/> (raw targets as read) plus <paramref name="groups"/>, daily.</summary>
    public Task AssignAsync(string scriptId, IEnumerable<JsonElement> keep, IEnumerable<Guid> groups, bool runRemediation, CancellationToken cancellationToken)
    {
        var targets = keep.Select(t => (object)t)
            .Concat(groups.Select(g => (object)new Dictionary<string, string> { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = g.ToString() }))
            .Select(t => new Dictionary<string, object>
            {
                ["target"] = t,
                ["runRemediationScript"] = runRemediation,
                ["runSchedule"] = new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.deviceHealthScriptDailySchedule", ["interval"] = 1, ["time"] = "09:00:00", ["useUtc"] = false },
            })
            .ToList();
        return beta.SendJsonAsync<JsonElement?>(HttpMethod.Post, $"{Root}/{Uri.EscapeDataString(scriptId)}/assign", new Dictionary<string, object> { ["deviceHealthScriptAssignments"] = targets }, cancellationToken);
    }

    /// <summary>Reads a script embedded in this assembly.</summary>
    /// <param name="logicalName">Its manifest resource name.</param>
    /// <returns>Its text.</returns>
    public static string Embedded(string logicalName)
    {
        using var stream = typeof(DeviceHealthScripts).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"{logicalName} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Base64(string script) => Convert.ToBase64String(Encoding.UTF8.GetBytes(script));
}

/// <summary>A beta <c>deviceHealthScript</c>, the fields we read.</summary>
/// <param name="Id">Its id.</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="Description">Its description (ours carry a marker).</param>
internal sealed record HealthScript(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("displayName")] string? DisplayName,
    [property: JsonPropertyName("description")] string? Description = null);

/// <summary>What a Remediations script CloudTrust ships is made of.</summary>
/// <param name="DisplayName">Its name in Intune.</param>
/// <param name="Description">Its description, with the marker that finds it again.</param>
/// <param name="DetectionScript">The detection script's text.</param>
/// <param name="RemediationScript">The remediation script's text, or null for detection only.</param>
internal sealed record HealthScriptDefinition(string DisplayName, string Description, string DetectionScript, string? RemediationScript);
