using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Cli.Output;

/// <summary>The JSON every <c>--json</c> read command prints: indented, camelCase, enums as strings.</summary>
public static class JsonOutput
{
    /// <summary>Gets the serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serializes a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    public static string Render(object? value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
