using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Core.Rollout.Policy;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Builds and reads settings-catalog JSON: the WHfB choice settings as children of the PassportForWork group
/// setting collection (ids keep the literal <c>{tenantid}</c>), and the flattened choices of any policy.
/// </summary>
internal static class SettingsCatalogPayload
{
    public const string Marker = "[cloudtrust:whfb-cloud-kerberos-trust]";

    /// <summary>
    /// The <c>settings</c> array for our policy: the PassportForWork settings as children of the tenant's group setting
    /// collection (choices, and simple integers for PIN length, expiry and history), and settings with their own root
    /// (biometrics) as top-level choices.
    /// </summary>
    public static JsonArray Build(WhfbPolicySettings desired)
    {
        var children = new JsonArray();
        var settings = new JsonArray();
        foreach (var (id, value) in desired.Choices.Where(c => c.Key.StartsWith(WhfbSettingIds.Root + "_", StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            children.Add(Instance(id, value));
        }

        settings.Add(new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationSetting",
            ["settingInstance"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
                ["settingDefinitionId"] = WhfbSettingIds.Root,
                ["groupSettingCollectionValue"] = new JsonArray(new JsonObject { ["children"] = children }),
            },
        });
        foreach (var (id, value) in desired.Choices.Where(c => !c.Key.StartsWith(WhfbSettingIds.Root + "_", StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            settings.Add(new JsonObject { ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationSetting", ["settingInstance"] = Instance(id, value) });
        }

        return settings;
    }

    private static JsonObject Instance(string id, string value) => HelloOptionValues.IsInteger(id)
        ? new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
            ["settingDefinitionId"] = id,
            ["simpleSettingValue"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue",
                ["value"] = int.Parse(value, CultureInfo.InvariantCulture),
            },
        }
        : new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
            ["settingDefinitionId"] = id,
            ["choiceSettingValue"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
                ["value"] = value,
                ["children"] = new JsonArray(),
            },
        };

    /// <summary>The policy body for POST (create): the policy's properties with its <c>settings</c>.</summary>
    public static JsonObject Policy(string name, WhfbPolicySettings desired)
    {
        var body = Properties(name);
        body["platforms"] = "windows10";
        body["technologies"] = "mdm";
        body["roleScopeTagIds"] = new JsonArray("0");
        body["settings"] = Build(desired);
        return body;
    }

    /// <summary>
    /// The policy body for PATCH (update): the policy's own properties only (the documented request body,
    /// learn.microsoft.com/graph/api/intune-deviceconfigv2-devicemanagementconfigurationpolicy-update); <c>settings</c>
    /// is a navigation property of <c>deviceManagementConfigurationPolicy</c> and is changed setting by setting.
    /// </summary>
    public static JsonObject Properties(string name) => new()
    {
        ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationPolicy",
        ["name"] = name,
        ["description"] = $"Windows Hello for Business cloud Kerberos trust, managed by CloudTrust. {Marker}",
    };

    /// <summary>The <c>settingDefinitionId</c> of a setting's top-level instance, or null.</summary>
    public static string? DefinitionOf(JsonNode? setting)
        => setting?["settingInstance"]?["settingDefinitionId"]?.GetValue<string>();

    /// <summary>The <c>settingDefinitionId</c> of a setting's top-level instance as read, or null.</summary>
    public static string? DefinitionOf(JsonElement setting)
        => setting.ValueKind == JsonValueKind.Object && setting.TryGetProperty("settingInstance", out var instance) && instance.ValueKind == JsonValueKind.Object
            && instance.TryGetProperty("settingDefinitionId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;

    /// <summary>Flattens the choice and simple integer settings of a policy's settings (each item has a <c>settingInstance</c>).</summary>
    public static WhfbPolicySettings ReadChoices(IEnumerable<JsonElement> settings)
    {
        var choices = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in settings)
        {
            if (setting.TryGetProperty("settingInstance", out var instance))
            {
                Walk(instance, choices);
            }
        }

        return new WhfbPolicySettings(choices);
    }

    private static void Walk(JsonElement instance, Dictionary<string, string> choices)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var id = instance.TryGetProperty("settingDefinitionId", out var idElement) ? idElement.GetString() : null;
        if (id is not null && instance.TryGetProperty("simpleSettingValue", out var simple) && simple.ValueKind == JsonValueKind.Object
            && simple.TryGetProperty("value", out var number) && number.ValueKind == JsonValueKind.Number)
        {
            choices[id] = number.GetRawText();
        }

        if (instance.TryGetProperty("choiceSettingValue", out var choice) && choice.ValueKind == JsonValueKind.Object)
        {
            if (id is not null && choice.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                choices[id] = value.GetString()!;
            }

            if (choice.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in children.EnumerateArray())
                {
                    Walk(child, choices);
                }
            }
        }

        if (instance.TryGetProperty("groupSettingCollectionValue", out var groups) && groups.ValueKind == JsonValueKind.Array)
        {
            foreach (var group in groups.EnumerateArray())
            {
                if (group.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
                {
                    foreach (var child in children.EnumerateArray())
                    {
                        Walk(child, choices);
                    }
                }
            }
        }
    }
}
