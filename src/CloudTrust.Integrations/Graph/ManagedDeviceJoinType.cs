namespace CloudTrust.Integrations.Graph;

/// <summary>
/// The beta enum <c>microsoft.graph.joinType</c> (beta CSDL <c>EnumType Name="joinType"</c>: <c>unknown</c>,
/// <c>azureADJoined</c>, <c>azureADRegistered</c>, <c>hybridAzureADJoined</c>) as readiness reads it: <c>unknown</c>
/// means Intune does not know, so nothing is concluded from it; a value outside the enum fails with the field named,
/// because counting it as anything would make the hybrid-joined count (readiness, precedence, the migration's warning)
/// silently wrong.
/// </summary>
internal static class ManagedDeviceJoinType
{
    public const string HybridJoined = "hybridAzureADJoined";

    private static readonly string[] Known = ["azureADJoined", "azureADRegistered", HybridJoined];

    /// <summary>The join type readiness judges, or null when Intune reports none or <c>unknown</c>.</summary>
    /// <param name="request">The read, for the error.</param>
    /// <param name="deviceId">The device, for the error.</param>
    /// <param name="value">The value read.</param>
    /// <returns>The value, or null.</returns>
    public static string? Read(string request, string? deviceId, string? value)
        => value is null || string.Equals(value, "unknown", StringComparison.OrdinalIgnoreCase)
            ? null
            : Known.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase))
                ?? throw new UnexpectedGraphResponseException(request, $"joinType of managedDevice {deviceId}", $"is '{value}', not one of unknown, {string.Join(", ", Known)}");
}
