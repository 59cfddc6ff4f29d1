using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>A beta <c>deviceManagementConfigurationPolicy</c>, the fields we read.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description (ours carries a marker).</param>
/// <param name="Platforms">For example <c>windows10</c>.</param>
/// <param name="TemplateReference">The template it was made from; <c>templateFamily</c> is <c>none</c> for a plain settings-catalog policy.</param>
internal sealed record ConfigurationPolicy(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("platforms")] string? Platforms,
    [property: JsonPropertyName("templateReference")] PolicyTemplateReference? TemplateReference = null)
{
    /// <summary>The template family of endpoint-security Account Protection policies.</summary>
    public const string AccountProtectionFamily = "endpointSecurityAccountProtection";

    /// <summary>Gets whether this is an endpoint-security Account Protection policy.</summary>
    public bool IsAccountProtection => string.Equals(TemplateReference?.TemplateFamily, AccountProtectionFamily, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A settings-catalog policy's <c>templateReference</c>.</summary>
/// <param name="TemplateId">The template id (empty for none).</param>
/// <param name="TemplateFamily">For example <c>endpointSecurityAccountProtection</c>, or <c>none</c>.</param>
internal sealed record PolicyTemplateReference(
    [property: JsonPropertyName("templateId")] string? TemplateId,
    [property: JsonPropertyName("templateFamily")] string? TemplateFamily);
