using CloudTrust.Core.Rotation;
using Microsoft.Extensions.Configuration;

namespace CloudTrust.Functions;

/// <summary>
/// The host's app settings (see local.settings.sample.json): where the tenant's services are and the rotation policy.
/// No secret is among them: the app signs in with its managed identity and reads the relay keys from Key Vault.
/// </summary>
/// <param name="TenantId">The Entra tenant.</param>
/// <param name="ManagedIdentityClientId">A user-assigned identity's client id; null for the system-assigned one.</param>
/// <param name="GraphAddress">The Graph base address.</param>
/// <param name="KeyVaultUri">The Key Vault.</param>
/// <param name="RelayAddress">The relay namespace.</param>
/// <param name="HybridConnection">The hybrid connection.</param>
/// <param name="SendRule">The Send-only rule.</param>
/// <param name="RotationPolicy">The rotation policy.</param>
/// <param name="RotationHistoryPath">Where rotation attempts are kept (a file on the app's storage).</param>
public sealed record HostSettings(
    Guid TenantId,
    string? ManagedIdentityClientId,
    Uri GraphAddress,
    Uri KeyVaultUri,
    Uri RelayAddress,
    string HybridConnection,
    string SendRule,
    RotationPolicy RotationPolicy,
    string RotationHistoryPath)
{
    /// <summary>Reads and checks the settings; a missing or malformed one stops the host at start-up with its name.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The settings.</returns>
    public static HostSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string Required(string name) => configuration[name] is { Length: > 0 } value ? value : throw new InvalidOperationException($"app setting '{name}' is required");
        return new HostSettings(
            Guid.Parse(Required("TenantId")),
            configuration["ManagedIdentityClientId"],
            new Uri(configuration["GraphAddress"] ?? "https://graph.microsoft.com/"),
            new Uri(Required("KeyVaultUri")),
            new Uri(Required("RelayAddress")),
            Required("RelayHybridConnection"),
            Required("RelaySendRule"),
            RotationPolicyReader.Read(Required("RotationPolicy")),
            configuration["RotationHistoryPath"] ?? Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath(), "data", "cloudtrust-rotations.db"));
    }
}
