using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// What the simulated Graph accepts as a custom profile's <c>omaSettings</c>, answering anything else with 400 as
/// Graph does: each item is an <c>omaSettingBoolean</c>, <c>omaSettingInteger</c> or <c>omaSettingString</c> with an
/// <c>omaUri</c> starting <c>./</c> and a value of its type (true/false, a whole number, a string).
/// </summary>
internal static class OmaSettingRules
{
    /// <summary>Returns why <paramref name="settings"/> would be refused, or null when every setting is well formed.</summary>
    public static string? Problem(JsonArray settings)
    {
        for (var i = 0; i < settings.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"omaSettings[{i}]");
            if (settings[i] is not JsonObject setting)
            {
                return $"{path}: must be an omaSetting.";
            }

            var uri = setting["omaUri"] is JsonValue u && u.GetValueKind() == JsonValueKind.String ? u.GetValue<string>() : null;
            if (uri is null || !uri.StartsWith("./", StringComparison.Ordinal))
            {
                return $"{path}: omaUri is required and must start with './'.";
            }

            var kind = setting["value"] is JsonValue v ? v.GetValueKind() : JsonValueKind.Undefined;
            var type = setting["@odata.type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
            var ok = type switch
            {
                "#microsoft.graph.omaSettingBoolean" => kind is JsonValueKind.True or JsonValueKind.False,
                "#microsoft.graph.omaSettingInteger" => kind == JsonValueKind.Number && ((JsonValue)setting["value"]!).TryGetValue<int>(out _),
                "#microsoft.graph.omaSettingString" => kind == JsonValueKind.String,
                _ => (bool?)null,
            };
            if (ok is null)
            {
                return $"{path}: '{type}' is not a supported omaSetting type for {uri}.";
            }

            if (ok == false)
            {
                return $"{path}: the value of {uri} does not match its type {type}.";
            }
        }

        return null;
    }
}
