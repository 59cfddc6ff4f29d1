using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// What the simulated Graph accepts as settings-catalog <c>settings</c>, answering anything else with 400 as Graph
/// does: every item has a <c>settingInstance</c> with a <c>settingDefinitionId</c> and a known instance type — a
/// group collection (children checked in turn), a choice whose option id starts with its setting id, or a simple
/// setting whose integer value is a whole number (within the definition's range where the simulator knows it) or whose
/// string value is a string.
/// </summary>
internal static class CatalogSettingRules
{
    private const string Group = "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance";
    private const string Choice = "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance";
    private const string Simple = "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance";
    private const string IntegerValue = "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue";
    private const string StringValue = "#microsoft.graph.deviceManagementConfigurationStringSettingValue";

    /// <summary>The integer ranges of the PassportForWork definitions (their <c>valueDefinition</c> minimum and maximum), device and user scope.</summary>
    private static readonly Dictionary<string, (int Min, int Max)> Ranges = new[] { "device", "user" }
        .SelectMany(scope => new[]
        {
            ($"{scope}_vendor_msft_passportforwork_{{tenantid}}_policies_pincomplexity_minimumpinlength", (4, 127)),
            ($"{scope}_vendor_msft_passportforwork_{{tenantid}}_policies_pincomplexity_maximumpinlength", (4, 127)),
            ($"{scope}_vendor_msft_passportforwork_{{tenantid}}_policies_pincomplexity_expiration", (0, 730)),
            ($"{scope}_vendor_msft_passportforwork_{{tenantid}}_policies_pincomplexity_history", (0, 50)),
        })
        .ToDictionary(r => r.Item1, r => r.Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns why <paramref name="settings"/> would be refused, or null when every setting is well formed.</summary>
    public static string? Problem(JsonArray settings)
    {
        for (var i = 0; i < settings.Count; i++)
        {
            var path = Invariant($"settings[{i}]");
            if (settings[i]?["settingInstance"] is not JsonObject instance)
            {
                return $"{path}: settingInstance is required.";
            }

            if (InstanceProblem(instance, path + ".settingInstance") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? InstanceProblem(JsonObject instance, string path)
    {
        var type = Text(instance["@odata.type"]);
        if (Text(instance["settingDefinitionId"]) is not { Length: > 0 } id)
        {
            return $"{path}: settingDefinitionId is required.";
        }

        return type switch
        {
            Group => GroupProblem(instance["groupSettingCollectionValue"], id, path),
            Choice => ChoiceProblem(instance["choiceSettingValue"], id, path),
            Simple => SimpleProblem(instance["simpleSettingValue"], id, path),
            _ => $"{path}: '{type}' is not a supported setting instance type for {id}.",
        };
    }

    private static string? GroupProblem(JsonNode? value, string id, string path)
    {
        if (value is not JsonArray groups)
        {
            return $"{path}: groupSettingCollectionValue must be an array for {id}.";
        }

        for (var g = 0; g < groups.Count; g++)
        {
            if (ChildrenProblem(groups[g]?["children"], Invariant($"{path}.groupSettingCollectionValue[{g}]"), required: true) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ChoiceProblem(JsonNode? value, string id, string path)
    {
        if (value is not JsonObject choice || Text(choice["value"]) is not { } option)
        {
            return $"{path}: choiceSettingValue.value is required for {id}.";
        }

        if (!option.StartsWith(id + "_", StringComparison.OrdinalIgnoreCase))
        {
            return $"{path}: '{option}' is not an option of {id}.";
        }

        return ChildrenProblem(choice["children"], path + ".choiceSettingValue", required: false);
    }

    private static string? SimpleProblem(JsonNode? value, string id, string path)
    {
        if (value is not JsonObject simple)
        {
            return $"{path}: simpleSettingValue is required for {id}.";
        }

        var number = simple["value"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : (int?)null;
        switch (Text(simple["@odata.type"]))
        {
            case IntegerValue when number is null:
                return $"{path}: simpleSettingValue.value must be a whole number for {id}.";
            case IntegerValue when Ranges.TryGetValue(id, out var range) && (number < range.Min || number > range.Max):
                return Invariant($"{path}: {number} is out of range for {id} ({range.Min} to {range.Max}).");
            case IntegerValue:
                return null;
            case StringValue when simple["value"] is JsonValue s && s.GetValueKind() == JsonValueKind.String:
                return null;
            case StringValue:
                return $"{path}: simpleSettingValue.value must be a string for {id}.";
            case var other:
                return $"{path}: '{other}' is not a supported simple setting value type for {id}.";
        }
    }

    private static string? ChildrenProblem(JsonNode? children, string path, bool required)
    {
        if (children is null && !required)
        {
            return null;
        }

        if (children is not JsonArray list)
        {
            return $"{path}: children must be an array.";
        }

        for (var c = 0; c < list.Count; c++)
        {
            var childPath = Invariant($"{path}.children[{c}]");
            if (list[c] is not JsonObject child)
            {
                return $"{childPath}: must be a setting instance.";
            }

            if (InstanceProblem(child, childPath) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
