using CloudTrust.Tests.Shared.Durable;
using System.Reflection;
using Azure.Data.Tables;
using CloudTrust.Tests.Shared.Azurite;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Cli.Simulated;
using CloudTrust.Functions.Composition;
using CloudTrust.Functions.Tests.Runtime;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudTrust.Functions.Tests.Support;

/// <summary>
/// The Functions app as a test drives it: a simulated tenant (Graph, Entra, Key Vault, the relay and an agent with a
/// simulated forest, over HTTPS on loopback), the deployed worker's services built from app settings pointing at it,
/// and the real Durable Task runtime running the product's own orchestrator and activity functions. Triggers (HTTP,
/// queue, timer) are the product's functions too, called with the values their bindings would give.
/// </summary>
public sealed class FunctionsHarness : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> invocations = new(StringComparer.Ordinal);

    // One Azurite for the test process (each harness has a table of its own); it ends with the process.
    private static readonly Lazy<Task<AzuriteServer>> SharedAzurite = new(async () =>
    {
        var server = new AzuriteServer();
        await server.InitializeAsync();
        return server;
    });

    private FunctionsHarness(SimulatedTenant tenant, IHost worker, DurableRuntime runtime)
    {
        Tenant = tenant;
        Worker = worker;
        Runtime = runtime;
    }

    public SimulatedTenant Tenant { get; }

    public IHost Worker { get; }

    public DurableRuntime Runtime { get; }

    public DurableTaskClient Client => Runtime.Client;

    /// <summary>Gets the instances a user starts (rollouts and rotation runs), without a rollout's children (ids with a '.').</summary>
    public async Task<IReadOnlyList<OrchestrationMetadata>> RolloutsAndRunsAsync()
        => [.. (await Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync()).Where(i => !i.InstanceId.Contains('.', StringComparison.Ordinal))];

    /// <summary>Gets how often the runtime invoked an activity function (retries included).</summary>
    public int Invocations(string function) => invocations.GetValueOrDefault(function);

    public static async Task<FunctionsHarness> StartAsync(FunctionsHarnessOptions? options = null)
    {
        options ??= new FunctionsHarnessOptions();
        var directory = Directory.CreateTempSubdirectory("cloudtrust-functions-").FullName;
        var azurite = await SharedAzurite.Value;
        var historyTable = "Rotations" + Guid.NewGuid().ToString("N")[..12];
        var tenant = await SimulatedTenant.StartAsync(new SimulatedTenantOptions
        {
            Directory = directory,
            DeviceCount = options.DeviceCount,
            TimeFactor = options.TimeFactor,
            SimulatedStart = DateTimeOffset.UtcNow - options.SimulatedLag,
            KerberosServersExist = options.KerberosServersExist,
            Rings = options.Rings ?? CloudTrust.Cli.Simulated.SimulatedRing.DefaultFleet,
        });
        try
        {
            var tenantSettings = tenant.ReadSettings();
            var appSettings = new Dictionary<string, string?>
            {
                ["TenantId"] = tenantSettings.TenantId,
                ["GraphAddress"] = tenantSettings.GraphAddress.ToString(),
                ["KeyVaultUri"] = tenantSettings.KeyVaultUri.ToString(),
                ["RelayAddress"] = tenantSettings.RelayAddress.ToString(),
                ["RelayHybridConnection"] = tenantSettings.HybridConnection,
                ["RelaySendRule"] = tenantSettings.SendRule,
                ["RotationSchedule"] = "0 0 3 * * 0",
                ["RotationPolicy"] = options.RotationPolicy(SimulatedTenant.Domains),
                ["RotationHistoryTableUri"] = "https://cloudtrusttest.table.core.windows.net/",
                ["RotationHistoryTableName"] = historyTable,
                ["WEBSITE_AUTH_ENABLED"] = options.AppServiceAuthentication ? "True" : null,
            };
            var (settings, errors) = HostSettings.Read(name => appSettings.GetValueOrDefault(name));
            Assert.True(settings is not null, string.Join("; ", errors));
            var worker = DeployedWorker.Build(settings!, new FunctionsConnection
            {
                Credential = tenant.CreateCredential(),
                Clock = tenant.Clock,
                TrustedCertificate = tenantSettings.TrustedCertificate,
                RotationHistoryTables = () => new TableServiceClient(azurite.ConnectionString),
            });
            var converter = worker.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
            var runtime = await DurableRuntime.StartAsync(converter);
            var harness = new FunctionsHarness(tenant, worker, runtime);
            await runtime.StartWorkerAsync(harness.RegisterProductFunctions);
            return harness;
        }
        catch
        {
            await tenant.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers every orchestrator and activity function of the Functions assembly, under its function name.</summary>
    public void RegisterProductFunctions(DurableTaskRegistry registry) => RegisterProductFunctions(registry, except: null);

    /// <summary>Registers the product's functions but one (which the test replaces).</summary>
    public void RegisterProductFunctions(DurableTaskRegistry registry, string? except)
    {
        foreach (var (name, method) in FunctionCatalog.WithTrigger<OrchestrationTriggerAttribute>().Where(f => f.Name != except))
        {
            registry.AddOrchestrator(name, () => new FunctionOrchestrator(method, Worker.Services));
        }

        foreach (var (name, method) in FunctionCatalog.WithTrigger<ActivityTriggerAttribute>())
        {
            registry.AddActivity(name, new FunctionActivity(method, Worker.Services, n => invocations.AddOrUpdate(n, 1, (_, c) => c + 1)));
        }
    }

    /// <summary>Calls an HTTP trigger function as the worker would for a request to <paramref name="path"/>.</summary>
    public async Task<TestHttpResponse> HttpAsync(string function, string method, string path, string? body = null, IReadOnlyDictionary<string, string>? route = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var context = new TestFunctionContext(Worker.Services, CancellationToken.None);
        var request = new TestHttpRequest(context, method, "https://cloudtrust-test.azurewebsites.net" + path + "?code=function-key-canary", body is null ? null : TestHttpRequest.Utf8(body), headers);
        return (TestHttpResponse)(await InvokeAsync(function, context, route ?? new Dictionary<string, string>(), request))!;
    }

    /// <summary>Calls any trigger function with the values its bindings give (by parameter name) and returns its result.</summary>
    public async Task<object?> InvokeAsync(string function, FunctionContext context, IReadOnlyDictionary<string, string> named, object? trigger)
    {
        var method = FunctionCatalog.Named(function);
        var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(Worker.Services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p =>
            p.ParameterType == typeof(DurableTaskClient) ? Client
            : p.ParameterType == typeof(FunctionContext) ? context
            : p.ParameterType == typeof(HttpRequestData) || p.GetCustomAttributes().Any(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)) ? trigger
            : named.TryGetValue(p.Name!, out var value) ? value
            : throw new ArgumentException($"no value for parameter '{p.Name}' of {function}")).ToArray();
        var result = method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        if (result is Task task)
        {
            await task;
            return task.GetType().GetProperty("Result")?.GetValue(task);
        }

        return result;
    }

    public Task<object?> InvokeAsync(string function, object? trigger, IReadOnlyDictionary<string, string>? named = null)
        => InvokeAsync(function, new TestFunctionContext(Worker.Services, CancellationToken.None), named ?? new Dictionary<string, string>(), trigger);

    /// <summary>The simulated tenant's sample plan with durations the real runtime's wall-clock timers can finish in a test.</summary>
    public string FastPlan(TimeSpan? poll = null, TimeSpan? soak = null, TimeSpan? deadline = null)
    {
        var plan = JsonNode.Parse(File.ReadAllText(Tenant.PlanPath))!.AsObject();
        plan["pollInterval"] = (poll ?? TimeSpan.FromSeconds(1)).ToString("c");
        foreach (var ring in plan["rings"]!.AsArray())
        {
            ring!["soak"] = (soak ?? TimeSpan.FromSeconds(2)).ToString("c");
            ring["verificationDeadline"] = (deadline ?? TimeSpan.FromSeconds(40)).ToString("c");
        }

        return plan.ToJsonString();
    }

    public async Task<OrchestrationMetadata> WaitUntilAsync(string id, Func<OrchestrationMetadata, bool> condition, TimeSpan? timeout = null)
    {
        using var safety = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, safety.Token);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            if (instance is { IsCompleted: true })
            {
                throw new InvalidOperationException($"{id} ended {instance.RuntimeStatus} before the condition held: {instance.FailureDetails?.ErrorMessage} {instance.SerializedCustomStatus}");
            }

            await Task.Delay(100, safety.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Worker.Dispose();
        await Tenant.DisposeAsync();
    }
}

/// <summary>How the harness's tenant and app settings are made.</summary>
public sealed record FunctionsHarnessOptions
{
    public int DeviceCount { get; init; } = 600;

    /// <summary>Gets the simulated fleet's rings (the tenant's default fleet unless a test needs its own).</summary>
    public IReadOnlyList<CloudTrust.Cli.Simulated.SimulatedRing>? Rings { get; init; }

    /// <summary>Gets how fast the fleet's clock runs: 57,600× makes an 8-hour Intune check-in half a second.</summary>
    public double TimeFactor { get; init; } = 57_600;

    /// <summary>Gets how far the tenant's clock starts behind the wall clock (so its Kerberos keys look old to the runtime's clock).</summary>
    public TimeSpan SimulatedLag { get; init; } = TimeSpan.FromDays(365);

    public bool KerberosServersExist { get; init; } = true;

    public bool AppServiceAuthentication { get; init; }

    public Func<IReadOnlyList<string>, string> RotationPolicy { get; init; } = domains =>
        new JsonObject
        {
            ["schedule"] = "0 0 3 * * 0",
            ["maxKeyAgeDays"] = 30,
            ["cloudSignIn"] = "password",
            ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]),
            ["requireApproval"] = false,
            ["convergenceDeadlineMinutes"] = 1,
            ["pollIntervalMinutes"] = 0.02,
        }.ToJsonString();
}
