using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Protobuf;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Tests.Shared.Durable;

/// <summary>
/// The real Durable Task runtime on loopback, put together from durabletask-dotnet's own pieces as its
/// <c>DurableTaskTestHost</c> does (src/InProcessTestHost/DurableTaskTestHost.cs): the in-memory orchestration service
/// behind the task hub gRPC server (the sidecar), and the real <c>Microsoft.DurableTask.Worker</c> and client over gRPC.
/// Unlike DurableTaskTestHost the worker is a host of its own, so a test can stop it (as a Functions instance is
/// recycled) and start a new one, with the same or a changed set of functions, while the backend keeps every instance's
/// history. Payloads are serialized by the deployed worker's DataConverter.
/// </summary>
public sealed class DurableRuntime : IAsyncDisposable
{
    private readonly IHost sidecar;
    private readonly IHost clientHost;
    private readonly string address;
    private readonly DataConverter converter;
    private IHost? worker;

    private DurableRuntime(IHost sidecar, IHost clientHost, string address, DataConverter converter, InMemoryOrchestrationService backend)
    {
        Backend = backend;
        this.sidecar = sidecar;
        this.clientHost = clientHost;
        this.address = address;
        this.converter = converter;
        Client = clientHost.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    /// <summary>Gets the in-memory backend (for example to read an instance's current history).</summary>
    public InMemoryOrchestrationService Backend { get; }

    public static async Task<DurableRuntime> StartAsync(DataConverter converter, ILoggerFactory? loggers = null)
    {
        var backend = new InMemoryOrchestrationService(loggers);
        var sidecar = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureWebHostDefaults(web =>
            {
                // Port 0: Kestrel takes a free port itself, read below; a port found free beforehand could be taken meanwhile.
                web.UseUrls("http://127.0.0.1:0");
                web.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
                web.ConfigureServices(services =>
                {
                    services.AddGrpc();
                    services.AddSingleton<DurableTask.Core.IOrchestrationService>(backend);
                    services.AddSingleton<DurableTask.Core.IOrchestrationServiceClient>(backend);
                    services.AddSingleton<TaskHubGrpcServer>();
                });
                web.Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapGrpcService<TaskHubGrpcServer>());
                });
            })
            .Build();
        await sidecar.StartAsync();
        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var clientHost = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(address);
                    b.RegisterDirectly();
                });
                services.PostConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
            })
            .Build();
        await clientHost.StartAsync();
        return new DurableRuntime(sidecar, clientHost, address, converter, backend);
    }

    /// <summary>Starts a worker with these orchestrators and activities (stopping the one running, if any).</summary>
    /// <param name="tasks">Registers the orchestrators and activities.</param>
    /// <param name="observe">Sees each orchestrator work item the worker receives (the history it replays), if given.</param>
    public async Task StartWorkerAsync(Action<DurableTaskRegistry> tasks, Action<OrchestratorRequest>? observe = null)
    {
        await StopWorkerAsync();
        var next = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddDurableTaskWorker(b =>
                {
                    if (observe is null)
                    {
                        b.UseGrpc(address);
                    }
                    else
                    {
                        b.UseGrpc(o => o.CallInvoker = GrpcChannel.ForAddress(address).Intercept(new OrchestratorRequestObserver(observe)));
                    }

                    b.AddTasks(tasks);
                });
                services.PostConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
            })
            .Build();
        await next.StartAsync();
        worker = next;
    }

    /// <summary>Stops the worker as a recycled instance stops: work in flight is abandoned to the backend.</summary>
    public async Task StopWorkerAsync()
    {
        if (worker is null)
        {
            return;
        }

        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await worker.StopAsync(quick.Token);
        worker.Dispose();
        worker = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await clientHost.StopAsync();
        clientHost.Dispose();
        await sidecar.StopAsync();
        sidecar.Dispose();
    }
}
