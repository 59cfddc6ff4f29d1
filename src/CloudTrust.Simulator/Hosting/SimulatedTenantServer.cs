using System.Net;
using System.Security.Cryptography.X509Certificates;
using CloudTrust.Simulator.Entra;
using CloudTrust.Simulator.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Simulator.Hosting;

/// <summary>
/// The simulated tenant: one Kestrel server on 127.0.0.1 over HTTPS (a certificate made at start-up) that hosts
/// the simulated Entra token endpoint and every <see cref="ISimulatedService"/> it is given.
/// </summary>
public sealed class SimulatedTenantServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatedTenantServer(WebApplication app, SimulatedEntra entra, X509Certificate2 certificate, RequestLog log, TimeProvider time, FaultInjector faults)
    {
        Faults = faults;
        this.app = app;
        Entra = entra;
        Certificate = certificate;
        Requests = log;
        Time = time;
    }

    /// <summary>Gets the server's base address, for example <c>https://127.0.0.1:50123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    /// <summary>Gets the certificate clients must trust (pin) to talk to the server.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the simulated Entra ID.</summary>
    public SimulatedEntra Entra { get; }

    /// <summary>Gets the log of every request received.</summary>
    public RequestLog Requests { get; }

    /// <summary>Gets the fault injector: failures at a rate or outages, by path prefix.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Gets the clock the simulated services run on.</summary>
    public TimeProvider Time { get; }

    /// <summary>Starts a server.</summary>
    /// <param name="options">Port, tenant id, request log file.</param>
    /// <param name="services">The simulated services to host.</param>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<SimulatedTenantServer> StartAsync(SimulatorOptions options, IEnumerable<ISimulatedService> services, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        time ??= TimeProvider.System;
        var certificate = LoopbackCertificate.Create(time.GetUtcNow());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;

            // HTTP allows header values beyond ASCII; the relay passes them through as UTF-8 both ways.
            k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.UTF8;
            k.ResponseHeaderEncodingSelector = _ => System.Text.Encoding.UTF8;
        });
        builder.Services.AddRouting();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();

        var entra = new SimulatedEntra(options.TenantId, time);
        var log = new RequestLog(options.RequestLogPath, time);
        var faults = new FaultInjector(time, options.Seed);
        var server = new SimulatedTenantServer(app, entra, certificate, log, time, faults);
        app.UseWebSockets();
        app.Use(log.InvokeAsync);
        app.Use(faults.InvokeAsync);
        app.MapEntra(entra);
        foreach (var service in services)
        {
            service.Map(app, server);
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Services close what they hold when the host stops (the relay its listeners' channels, with 1001); whatever
        // is still open a second later is aborted, so the simulator stops within the 2 s its users are promised.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(grace.Token);
        await app.DisposeAsync();
        Requests.Dispose();
        Certificate.Dispose();
    }
}
