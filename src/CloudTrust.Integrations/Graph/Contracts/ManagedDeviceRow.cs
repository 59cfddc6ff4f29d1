using System.Text.Json.Serialization;

namespace CloudTrust.Integrations.Graph.Contracts;

/// <summary>
/// A beta <c>managedDevice</c>, the properties readiness reads (each one is in the beta CSDL's
/// <c>EntityType Name="managedDevice"</c>; <c>skuFamily</c> and <c>joinType</c> are in beta only, not in v1.0).
/// </summary>
/// <param name="Id">The Intune device id.</param>
/// <param name="DeviceName">The device's name.</param>
/// <param name="AzureAdDeviceId">The Entra device id (<c>azureADDeviceId</c>), which group membership is matched on.</param>
/// <param name="OperatingSystem">For example <c>Windows</c>.</param>
/// <param name="OsVersion">For example <c>10.0.22631.4317</c>.</param>
/// <param name="LastSyncDateTime">The last check-in.</param>
/// <param name="UserPrincipalName">The primary user.</param>
/// <param name="SkuFamily">The Windows edition family (a string in the CSDL), for example <c>Enterprise</c>.</param>
/// <param name="JoinType">The beta enum <c>joinType</c>: <c>unknown</c>, <c>azureADJoined</c>, <c>azureADRegistered</c> or <c>hybridAzureADJoined</c>.</param>
internal sealed record ManagedDeviceRow(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("deviceName")] string? DeviceName,
    [property: JsonPropertyName("azureADDeviceId")] string? AzureAdDeviceId,
    [property: JsonPropertyName("operatingSystem")] string? OperatingSystem,
    [property: JsonPropertyName("osVersion")] string? OsVersion,
    [property: JsonPropertyName("lastSyncDateTime")] DateTimeOffset? LastSyncDateTime,
    [property: JsonPropertyName("userPrincipalName")] string? UserPrincipalName,
    [property: JsonPropertyName("skuFamily")] string? SkuFamily,
    [property: JsonPropertyName("joinType")] string? JoinType)
{
    /// <summary>The <c>$select</c> that asks for exactly these properties.</summary>
    public const string Select = "id,deviceName,azureADDeviceId,operatingSystem,osVersion,lastSyncDateTime,userPrincipalName,skuFamily,joinType";
}
