using CloudTrust.Agent.Relay;
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

        var trusted = AgentComponents.TrustedCertificate(settings, out var certificateError);
        if (certificateError is not null)
        {
            loggers.CreateLogger<AgentWorker>().LogError("{Error}", certificateError);
            Environment.ExitCode = 2;
            lifetime.StopApplication();
            return;
        }

        var time = TimeProvider.System;
        var names = new AgentSecretNames();
        var secrets = AgentComponents.Secrets(settings, trusted, time, loggers);
        var backend = AgentComponents.Backend(settings, time, loggers);
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
