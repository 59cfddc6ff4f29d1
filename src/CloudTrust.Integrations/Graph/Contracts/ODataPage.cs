using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>One page of an OData collection.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Value">The items.</param>
/// <param name="NextLink">The next page's absolute URL, or null on the last page.</param>
internal sealed record ODataPage<T>(
    [property: JsonPropertyName("value")] IReadOnlyList<T> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
