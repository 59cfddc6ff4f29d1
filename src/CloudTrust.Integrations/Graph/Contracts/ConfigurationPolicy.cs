using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>A beta <c>deviceManagementConfigurationPolicy</c>, the fields we read.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description (ours carries a marker).</param>
/// <param name="Platforms">For example <c>windows10</c>.</param>
internal sealed record ConfigurationPolicy(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("platforms")] string? Platforms);
