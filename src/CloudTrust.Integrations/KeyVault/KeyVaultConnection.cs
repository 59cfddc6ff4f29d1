using System.Security.Cryptography.X509Certificates;

namespace CloudTrust.Integrations.KeyVault;

/// <summary>
/// Where a Key Vault is and how to sign in to it (client credentials). A class, not a record, so that the client
/// secret never shows up in a generated <c>ToString</c>.
/// </summary>
public sealed class KeyVaultConnection
{
    /// <summary>Gets the vault's address, for example <c>https://contoso.vault.azure.net/</c>.</summary>
    public required Uri VaultUri { get; init; }

    /// <summary>Gets the Entra tenant id.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the application (client) id.</summary>
    public required string ClientId { get; init; }

    /// <summary>Gets the application's client secret (from the host's protected configuration, never logged).</summary>
    public required string ClientSecret { get; init; }

    /// <summary>Gets the Entra authority host; the public cloud's when null, the simulator's base address in tests.</summary>
    public Uri? AuthorityHost { get; init; }

    /// <summary>Gets the one extra certificate to trust (the simulator's); null against the real cloud.</summary>
    public X509Certificate2? PinnedCertificate { get; init; }

    /// <summary>Gets a value indicating whether this points at the simulator (instance discovery and the
    /// challenge's resource check are turned off, since the simulator's host is not a real vault host).</summary>
    public bool IsSimulated => PinnedCertificate is not null;

    /// <inheritdoc />
    public override string ToString() => $"{VaultUri} (tenant {TenantId}, client {ClientId})";
}
