using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Engine;

/// <summary>The JSON settings the engine uses for inputs, outputs, events and custom status.</summary>
public static class EngineJson
{
    /// <summary>Gets web-style options (camelCase, case-insensitive reading) with enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
