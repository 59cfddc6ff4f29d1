using CloudTrust.Agent.Backends;
using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent;

/// <summary>What the service and an administrator's <c>kerberos</c> command both build from the agent's configuration.</summary>
internal static class AgentComponents
{
    /// <summary>The Key Vault secrets, read with the agent's own application identity.</summary>
    public static KeyVaultSecretCache Secrets(AgentConfiguration settings, TimeProvider time, ILoggerFactory loggers)
    {
        var client = KeyVaultSecretClientFactory.Create(new KeyVaultConnection
        {
            VaultUri = settings.VaultUri!,
            TenantId = settings.TenantId,
            ClientId = settings.ClientId,
            ClientSecret = settings.ClientSecret,
        });
        return new KeyVaultSecretCache(client, TimeSpan.FromMinutes(10), time, loggers.CreateLogger<KeyVaultSecretCache>());
    }

    /// <summary>The configured backend: Windows PowerShell 5.1 with the module, or the simulated directory in the state directory.</summary>
    public static IKerberosBackend Backend(AgentConfiguration settings, TimeProvider time, ILoggerFactory loggers)
        => string.Equals(settings.Backend, "PowerShell", StringComparison.OrdinalIgnoreCase)
            ? new PowerShellBackend(new PowerShellOptions(), loggers.CreateLogger<PowerShellBackend>())
            : new SimulatedActiveDirectory(Path.Combine(settings.StateDirectory, "simulated-directory.json"), time);
}
