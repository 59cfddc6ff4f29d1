using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudTrust.Api;

/// <summary>
/// The one JSON shape of the Functions host: web-style (camelCase, case-insensitive reading) with enums as strings, the
/// same as the local engine's. The host gives it to the worker as its serializer, so Durable inputs, outputs and custom
/// status, HTTP answers and problems all read and write alike.
/// </summary>
public static class ApiJson
{
    /// <summary>Gets the options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serializes a value with <see cref="Options"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
