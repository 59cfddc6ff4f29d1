using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using CloudTrust.Integrations.Http;

namespace CloudTrust.Integrations.KeyVault;

/// <summary>Builds the Azure SDK <see cref="SecretClient"/> with an Azure.Identity client-secret credential.</summary>
public static class KeyVaultSecretClientFactory
{
    /// <summary>Creates a client.</summary>
    /// <param name="connection">Where the vault is and how to sign in.</param>
    /// <returns>The client.</returns>
    public static SecretClient Create(KeyVaultConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var credentialOptions = new ClientSecretCredentialOptions();
        var secretOptions = new SecretClientOptions();
        if (connection.AuthorityHost is not null)
        {
            credentialOptions.AuthorityHost = connection.AuthorityHost;
        }

        if (connection.PinnedCertificate is not null)
        {
            var transport = new HttpClientTransport(PinnedCertificateHandler.Create(connection.PinnedCertificate));
            credentialOptions.Transport = transport;
            secretOptions.Transport = transport;
        }

        if (connection.IsSimulated)
        {
            credentialOptions.DisableInstanceDiscovery = true;
            secretOptions.DisableChallengeResourceVerification = true;
            secretOptions.Retry.Mode = RetryMode.Fixed;
            secretOptions.Retry.Delay = TimeSpan.FromMilliseconds(50);
        }

        var credential = new ClientSecretCredential(connection.TenantId, connection.ClientId, connection.ClientSecret, credentialOptions);
        return new SecretClient(connection.VaultUri, credential, secretOptions);
    }

    /// <summary>Creates a client that signs in with any Azure.Identity credential.</summary>
    /// <param name="vaultUri">The vault's address.</param>
    /// <param name="credential">The credential (it reaches its authority itself).</param>
    /// <param name="pinnedCertificate">The one extra certificate to trust (the simulator's); null against the real cloud.</param>
    /// <returns>The client.</returns>
    public static SecretClient Create(Uri vaultUri, TokenCredential credential, X509Certificate2? pinnedCertificate)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        ArgumentNullException.ThrowIfNull(credential);
        var secretOptions = new SecretClientOptions();
        if (pinnedCertificate is not null)
        {
            secretOptions.Transport = new HttpClientTransport(PinnedCertificateHandler.Create(pinnedCertificate));
            secretOptions.DisableChallengeResourceVerification = true;
            secretOptions.Retry.Mode = RetryMode.Fixed;
            secretOptions.Retry.Delay = TimeSpan.FromMilliseconds(50);
        }

        return new SecretClient(vaultUri, credential, secretOptions);
    }
}
