using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// The little of Intune's setting definitions the simulator checks, as the service does on create and update: the
/// ranges of the PassportForWork simple integer settings (from the catalog's <c>valueDefinition</c>) and that a simple
/// setting carries an integer value. Anything else is stored as it comes.
/// </summary>
internal static class SettingDefinitions
{
    private static readonly Dictionary<string, (int Min, int Max)> IntegerRanges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_minimumpinlength"] = (4, 127),
        ["device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_maximumpinlength"] = (4, 127),
        ["device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_expiration"] = (0, 730),
        ["device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_history"] = (0, 50),
    };

    /// <summary>Returns why the settings would be refused, or null when they are acceptable.</summary>
    /// <param name="settings">The policy's <c>settings</c> array.</param>
    /// <returns>The error message, or null.</returns>
    public static string? Problem(JsonArray settings)
    {
        foreach (var setting in settings)
        {
            if (Check(setting?["settingInstance"]) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Check(JsonNode? instance)
    {
        if (instance is not JsonObject obj)
        {
            return null;
        }

        var id = obj["settingDefinitionId"]?.GetValue<string>();
        if (obj["simpleSettingValue"] is JsonObject simple && id is not null)
        {
            if (simple["value"] is not JsonValue value || !value.TryGetValue<int>(out var number))
            {
                return $"Setting {id}: the simple setting value must be an integer.";
            }

            if (IntegerRanges.TryGetValue(id, out var range) && (number < range.Min || number > range.Max))
            {
                return string.Create(CultureInfo.InvariantCulture, $"Setting {id}: value {number} is outside the allowed range {range.Min}-{range.Max}.");
            }
        }

        var children = (obj["choiceSettingValue"]?["children"] as JsonArray ?? [])
            .Concat((obj["groupSettingCollectionValue"] as JsonArray ?? []).SelectMany(g => g?["children"] as JsonArray ?? []));
        return children.Select(Check).FirstOrDefault(p => p is not null);
    }
}
