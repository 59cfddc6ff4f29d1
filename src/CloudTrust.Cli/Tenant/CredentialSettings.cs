namespace CloudTrust.Cli.Tenant;

/// <summary>How the CLI signs in to the tenant (the <c>credential</c> section of the settings file; never a secret).</summary>
/// <param name="Kind">The Azure.Identity credential to use.</param>
/// <param name="CertificatePath">For <see cref="CredentialKind.ClientCertificate"/>: the PEM or PFX file with the private key.</param>
/// <param name="ManagedIdentityClientId">For <see cref="CredentialKind.ManagedIdentity"/>: a user-assigned identity's client id; the system-assigned identity when null.</param>
public sealed record CredentialSettings(CredentialKind Kind, string? CertificatePath = null, string? ManagedIdentityClientId = null)
{
    /// <summary>Gets the default: a client secret from <c>CLOUDTRUST_CLIENT_SECRET</c>.</summary>
    public static CredentialSettings ClientSecret { get; } = new(CredentialKind.ClientSecret);
}

/// <summary>The credential kinds the settings file can name.</summary>
public enum CredentialKind
{
    /// <summary><c>clientSecret</c>: client credentials with the secret from <c>CLOUDTRUST_CLIENT_SECRET</c>.</summary>
    ClientSecret,

    /// <summary><c>clientCertificate</c>: client credentials with a certificate file.</summary>
    ClientCertificate,

    /// <summary><c>deviceCode</c>: a person signs in on another device with a code.</summary>
    DeviceCode,

    /// <summary><c>interactiveBrowser</c>: a person signs in in a browser.</summary>
    InteractiveBrowser,

    /// <summary><c>managedIdentity</c>: the Azure host's managed identity.</summary>
    ManagedIdentity,
}
