using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph;

/// <summary>A settings-catalog policy held by the simulated Intune, with its settings as posted and its assignments.</summary>
internal sealed class SimulatedPolicy
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string Description { get; set; } = string.Empty;

    public string Platforms { get; set; } = "windows10";

    public string Technologies { get; set; } = "mdm";

    public required JsonArray Settings { get; set; }

    /// <summary>Gets or sets the settings-catalog template family (<c>none</c> for a plain settings-catalog policy).</summary>
    /// <summary>Gets each setting's id (a settings-catalog <c>deviceManagementConfigurationSetting</c> is an entity of its own), kept beside <see cref="Settings"/>, same order.</summary>
    public List<string> SettingIds { get; } = [];

    public string TemplateFamily { get; set; } = "none";

    /// <summary>Gets or sets a health script's description (its detection script is held in <see cref="Description"/>).</summary>
    public string ScriptDescription { get; set; } = string.Empty;

    /// <summary>Gets or sets a health script's remediation script, empty when it has none.</summary>
    public string RemediationScript { get; set; } = string.Empty;

    /// <summary>Gets a value indicating whether this is a v1.0 custom OMA-URI configuration (Settings then holds omaSettings).</summary>
    public bool IsCustomOma { get; init; }

    public required DateTimeOffset CreatedDateTime { get; init; }

    public required DateTimeOffset LastModifiedDateTime { get; set; }

    /// <summary>Gets the assignment list: group id → when it was assigned.</summary>
    public Dictionary<Guid, DateTimeOffset> Assignments { get; } = [];

    /// <summary>Gets or sets the targeted devices, cached until the assignments change.</summary>
    public List<(SimulatedDevice Device, DateTimeOffset AssignedAt)>? TargetCache { get; set; }

    /// <summary>Returns the chosen option of every choice setting and the value of every simple setting (or OMA-URI → value), walking group collections and children.</summary>
    /// <summary>Gives every setting an id that has none yet; callers hold the tenant's gate.</summary>
    public void EnsureSettingIds()
    {
        while (SettingIds.Count < Settings.Count)
        {
            SettingIds.Add(Guid.NewGuid().ToString());
        }
    }

    public Dictionary<string, string> Choices()
    {
        if (IsCustomOma)
        {
            return Settings.OfType<JsonObject>()
                .Where(o => o["omaUri"] is not null)
                .ToDictionary(o => o["omaUri"]!.GetValue<string>(), o => o["value"]?.ToJsonString() ?? "null", StringComparer.OrdinalIgnoreCase);
        }

        var choices = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in Settings)
        {
            Walk(setting?["settingInstance"], choices);
        }

        return choices;
    }

    private static void Walk(JsonNode? instance, Dictionary<string, string> choices)
    {
        if (instance is not JsonObject obj)
        {
            return;
        }

        var id = obj["settingDefinitionId"]?.GetValue<string>();
        if (id is not null && obj["simpleSettingValue"]?["value"] is JsonValue simple)
        {
            choices[id] = simple.ToJsonString();
        }

        if (obj["choiceSettingValue"] is JsonObject choice)
        {
            if (id is not null && choice["value"]?.GetValue<string>() is { } value)
            {
                choices[id] = value;
            }

            foreach (var child in choice["children"] as JsonArray ?? [])
            {
                Walk(child, choices);
            }
        }

        foreach (var group in obj["groupSettingCollectionValue"] as JsonArray ?? [])
        {
            foreach (var child in group?["children"] as JsonArray ?? [])
            {
                Walk(child, choices);
            }
        }
    }
}
