using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>A v1.0 <c>managedDevice</c>'s two ids (both in the v1.0 CSDL): Intune's <c>id</c> and the Entra <c>azureADDeviceId</c>.</summary>
/// <param name="Id">The Intune device id, which the device report's <c>IntuneDeviceId</c> column carries.</param>
/// <param name="AzureAdDeviceId">The Entra device id, which group membership gives.</param>
internal sealed record ManagedDeviceIdentity(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("azureADDeviceId")] string? AzureAdDeviceId);
