using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>Graph's error body: <c>{"error":{"code","message"}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record GraphErrorBody([property: JsonPropertyName("error")] GraphError? Error);

/// <summary>The error inside <see cref="GraphErrorBody"/>.</summary>
/// <param name="Code">The code.</param>
/// <param name="Message">The message.</param>
internal sealed record GraphError([property: JsonPropertyName("code")] string? Code, [property: JsonPropertyName("message")] string? Message);
