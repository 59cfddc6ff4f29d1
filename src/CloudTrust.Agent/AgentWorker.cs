using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudTrust.Agent.Backends;
using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Agent.Relay;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudTrust.Agent;

/// <summary>The hosted service (a Windows service in production) that runs the agent until the host stops.</summary>
internal sealed class AgentWorker(IOptions<AgentConfiguration> configuration, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = configuration.Value;
        if (settings.RelayAddress is null || settings.VaultUri is null)
        {
            loggers.CreateLogger<AgentWorker>().LogError("Agent:RelayAddress and Agent:VaultUri must be configured");
            Environment.ExitCode = 2;
            lifetime.StopApplication();
            return;
        }

        X509Certificate2? trusted = null;
        if (!string.IsNullOrEmpty(settings.TrustedCertificatePath))
        {
            try
            {
                trusted = X509CertificateLoader.LoadCertificateFromFile(settings.TrustedCertificatePath);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                loggers.CreateLogger<AgentWorker>().LogError("Agent:TrustedCertificatePath: cannot load {Path}: {Reason}", settings.TrustedCertificatePath, ex.Message);
                Environment.ExitCode = 2;
                lifetime.StopApplication();
                return;
            }
        }

        var time = TimeProvider.System;
        var names = new AgentSecretNames();
        var client = KeyVaultSecretClientFactory.Create(new KeyVaultConnection
        {
            VaultUri = settings.VaultUri,
            TenantId = settings.TenantId,
            ClientId = settings.ClientId,
            ClientSecret = settings.ClientSecret,
            AuthorityHost = settings.AuthorityHost,
            PinnedCertificate = trusted,
        });
        var secrets = new KeyVaultSecretCache(client, TimeSpan.FromMinutes(10), time, loggers.CreateLogger<KeyVaultSecretCache>());
        IKerberosBackend backend = string.Equals(settings.Backend, "PowerShell", StringComparison.OrdinalIgnoreCase)
            ? new PowerShellBackend(new PowerShellOptions(), CloudTrustAgent.AdminCredentialsFrom(secrets, names.AdminCredentials), loggers.CreateLogger<PowerShellBackend>())
            : new SimulatedActiveDirectory(Path.Combine(settings.StateDirectory, "simulated-directory.json"), time);
        var relay = new RelayListenerOptions { RelayAddress = settings.RelayAddress, HybridConnectionName = settings.HybridConnectionName, ListenRuleName = settings.ListenRuleName, PinnedCertificate = trusted };
        await using var agent = new CloudTrustAgent(relay, names, secrets, backend, settings.StateDirectory, time, loggers);
        await agent.StartAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }

        await agent.StopAsync();
    }
}
