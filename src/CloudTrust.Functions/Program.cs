using Azure.Core;
using Azure.Core.Serialization;
using Azure.Identity;
using CloudTrust.Api;
using CloudTrust.Functions;
using CloudTrust.Functions.Activities;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.History;
using CloudTrust.Integrations.KeyVault;
using CloudTrust.Integrations.Relay;
using CloudTrust.Integrations.Rollout;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The isolated worker's start-up (FunctionsApplication lives in Microsoft.Azure.Functions.Worker.Builder).
// DI wires the same clients and activity classes the CLI uses, signed in with DefaultAzureCredential (the managed
// identity in Azure). No secret is configured: relay keys come from Key Vault inside the relay sender.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
var services = builder.Services;

// One JSON shape for every Durable input, output and custom status and every binding: the Durable extension turns the
// worker's ObjectSerializer into its DataConverter (azure-functions-durable-extension
// src/Worker.Extensions.DurableTask/DurableTaskExtensionStartup.cs, ObjectConverterShim.cs); WorkerOptions.Serializer is
// an Azure.Core ObjectSerializer (azure-functions-dotnet-worker src/DotNetWorker.Core/Hosting/WorkerOptions.cs).
services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(ApiJson.Options));
services.AddSingleton(TimeProvider.System);
services.AddSingleton(_ => HostSettings.Read(builder.Configuration));
services.AddSingleton<TokenCredential>(sp => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = sp.GetRequiredService<HostSettings>().ManagedIdentityClientId }));
services.AddSingleton(sp =>
{
    var settings = sp.GetRequiredService<HostSettings>();
    return GraphConnection.Create(new GraphConnectionOptions { BaseAddress = settings.GraphAddress, TenantId = settings.TenantId, ClientId = settings.ManagedIdentityClientId ?? "managed-identity" }, sp.GetRequiredService<TokenCredential>());
});
services.AddSingleton(sp => new KeyVaultSecretCache(
    KeyVaultSecretClientFactory.Create(sp.GetRequiredService<HostSettings>().KeyVaultUri, sp.GetRequiredService<TokenCredential>(), null),
    TimeSpan.FromMinutes(5),
    TimeProvider.System,
    sp.GetRequiredService<ILogger<KeyVaultSecretCache>>()));
services.AddSingleton(sp =>
{
    var settings = sp.GetRequiredService<HostSettings>();
    return new RelaySender(
        new RelaySenderOptions { RelayAddress = settings.RelayAddress, HybridConnectionName = settings.HybridConnection, SendRuleName = settings.SendRule },
        sp.GetRequiredService<KeyVaultSecretCache>(),
        TimeProvider.System,
        sp.GetRequiredService<ILogger<RelaySender>>());
});
services.AddSingleton(sp => new SqliteRotationHistory(sp.GetRequiredService<HostSettings>().RotationHistoryPath));
services.AddSingleton(sp => new ReadKerberosServerActivity(sp.GetRequiredService<RelaySender>()));
services.AddSingleton(sp =>
{
    var graph = sp.GetRequiredService<GraphConnection>();
    var sender = sp.GetRequiredService<RelaySender>();
    var loggers = sp.GetRequiredService<ILoggerFactory>();
    return new ActivityImplementations(
        new CheckKerberosServersActivity(new RelayKerberosServerPreflight(sender)),
        new FindConflictsActivity(graph, loggers),
        new EnsureProfileActivity(graph, loggers),
        new AssessReadinessActivity(graph, TimeProvider.System, loggers),
        new AssignGroupsActivity(graph, loggers),
        new ReadRingStatusActivity(graph, loggers),
        new DeployTicketProbeActivity(graph),
        new ReadTicketProbeActivity(graph),
        sp.GetRequiredService<ReadKerberosServerActivity>(),
        new RotateKerberosServerKeyActivity(sender),
        new RecordRotationAttemptActivity(sp.GetRequiredService<SqliteRotationHistory>()),
        new EnsureKerberosServerActivity(sender),
        new ResolveRingGroupsActivity(graph, loggers),
        new ReadHelloSourcesActivity(graph, new RelayHelloGroupPolicyReader(sender), TimeProvider.System, loggers),
        new DisableCertificateTrustActivity(graph, loggers),
        new RestoreCertificateTrustActivity(graph, loggers),
        new DeployContainerDeletionActivity(graph, loggers),
        new ReadReprovisioningActivity(graph));
});
builder.Build().Run();
