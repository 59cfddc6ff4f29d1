// The on-premises agent: a .NET worker that installs as a Windows service, dials out to Azure Relay and serves the
// Kerberos operation allowlist with the PowerShell backend (Windows) or the simulated AD backend (elsewhere).
// `CloudTrust.Agent kerberos pending|complete …` is the administrator's side of attended cloud sign-in instead.
using CloudTrust.Agent;
using CloudTrust.Agent.Attended;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

if (AttendedCommand.Handles(args))
{
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
    var settings = new AgentConfiguration();
    configuration.GetSection("Agent").Bind(settings);
    if (settings.VaultUri is null)
    {
        await Console.Error.WriteLineAsync("Agent:VaultUri must be configured (the agent's appsettings.json or Agent__VaultUri)");
        return 2;
    }

    var trusted = AgentComponents.TrustedCertificate(settings, out var certificateError);
    if (certificateError is not null)
    {
        await Console.Error.WriteLineAsync(certificateError);
        return 2;
    }

    using var loggers = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    var time = TimeProvider.System;
    return await AttendedCommand.RunAsync(
        args,
        () => CloudTrustAgent.CreateDispatcher(new AgentSecretNames(), AgentComponents.Secrets(settings, trusted, time, loggers), AgentComponents.Backend(settings, time, loggers), settings.StateDirectory, time, loggers),
        Console.Out,
        Console.Error,
        stop.Token);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddWindowsService(options => options.ServiceName = "CloudTrust Agent");
builder.Services.Configure<AgentConfiguration>(builder.Configuration.GetSection("Agent"));
builder.Services.AddHostedService<AgentWorker>();
await builder.Build().RunAsync();

// The worker sets Environment.ExitCode (2 for a configuration error); a literal here would overwrite it.
return Environment.ExitCode;
