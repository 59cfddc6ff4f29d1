namespace CloudTrust.Core.Rollout.Readiness;

/// <summary>What Intune knows about one managed device, as readiness rules need it.</summary>
/// <param name="DeviceId">The Entra device id.</param>
/// <param name="DeviceName">The device name.</param>
/// <param name="OperatingSystem">For example <c>Windows</c>.</param>
/// <param name="OsVersion">For example <c>10.0.22631.4460</c>.</param>
/// <param name="SkuFamily">For example <c>Enterprise</c>; null when unknown.</param>
/// <param name="JoinType">For example <c>azureADJoined</c> or <c>hybridAzureADJoined</c>; null when unknown.</param>
/// <param name="LastSyncDateTime">The last check-in.</param>
public sealed record DeviceFacts(
    string DeviceId,
    string DeviceName,
    string OperatingSystem,
    string OsVersion,
    string? SkuFamily,
    string? JoinType,
    DateTimeOffset? LastSyncDateTime);
