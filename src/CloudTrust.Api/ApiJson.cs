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

    /// <summary>
    /// Gives options that already exist (the worker's <c>IOptions&lt;JsonSerializerOptions&gt;</c>) this shape: web-style
    /// naming and reading, enums as strings.
    /// </summary>
    /// <param name="options">The options to change.</param>
    public static void ApplyTo(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        ApplyTo(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
