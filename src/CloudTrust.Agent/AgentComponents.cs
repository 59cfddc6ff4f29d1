using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudTrust.Agent.Backends;
using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent;

/// <summary>What the service and an administrator's <c>kerberos</c> command both build from the agent's configuration.</summary>
internal static class AgentComponents
{
    /// <summary>
    /// Loads the one extra certificate to trust (<see cref="AgentConfiguration.TrustedCertificatePath"/>, a simulated
    /// tenant's); null when none is configured.
    /// </summary>
    /// <param name="settings">The agent's settings.</param>
    /// <param name="error">Why it could not be loaded, naming the setting; null when it loaded or none is configured.</param>
    /// <returns>The certificate, or null.</returns>
    public static X509Certificate2? TrustedCertificate(AgentConfiguration settings, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(settings.TrustedCertificatePath))
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(settings.TrustedCertificatePath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            error = $"Agent:TrustedCertificatePath: cannot load {settings.TrustedCertificatePath}: {ex.Message}";
            return null;
        }
    }

    /// <summary>The Key Vault secrets, read with the agent's own application identity.</summary>
    public static KeyVaultSecretCache Secrets(AgentConfiguration settings, X509Certificate2? trusted, TimeProvider time, ILoggerFactory loggers)
    {
        var client = KeyVaultSecretClientFactory.Create(new KeyVaultConnection
        {
            VaultUri = settings.VaultUri!,
            TenantId = settings.TenantId,
            ClientId = settings.ClientId,
            ClientSecret = settings.ClientSecret,
            AuthorityHost = settings.AuthorityHost,
            PinnedCertificate = trusted,
        });
        return new KeyVaultSecretCache(client, TimeSpan.FromMinutes(10), time, loggers.CreateLogger<KeyVaultSecretCache>());
    }

    /// <summary>The configured backend: Windows PowerShell 5.1 with the module, or the simulated directory in the state directory.</summary>
    public static IKerberosBackend Backend(AgentConfiguration settings, TimeProvider time, ILoggerFactory loggers)
        => string.Equals(settings.Backend, "PowerShell", StringComparison.OrdinalIgnoreCase)
            ? new PowerShellBackend(new PowerShellOptions(), loggers.CreateLogger<PowerShellBackend>())
            : new SimulatedActiveDirectory(Path.Combine(settings.StateDirectory, "simulated-directory.json"), time);
}
