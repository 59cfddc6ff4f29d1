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
var (hostSettings, settingErrors) = HostSettings.Read(
    name => builder.Configuration[name],
    Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath(), "data", "cloudtrust-rotations.db"));
if (hostSettings is null)
{
    // A wrong setting stops the host at start-up, naming each (values are not echoed: none is secret, but keep logs lean).
    throw new InvalidOperationException("app settings are not valid: " + string.Join("; ", settingErrors.Select(e => e.ToString())));
}

services.AddSingleton(hostSettings);
services.AddSingleton<TokenCredential>(_ => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = hostSettings.ManagedIdentityClientId }));
services.AddSingleton(sp => GraphConnection.Create(
    new GraphConnectionOptions { BaseAddress = hostSettings.GraphAddress, TenantId = hostSettings.TenantId, ClientId = hostSettings.ManagedIdentityClientId ?? "managed-identity" },
    sp.GetRequiredService<TokenCredential>()));
services.AddSingleton(sp => new KeyVaultSecretCache(
    KeyVaultSecretClientFactory.Create(hostSettings.KeyVaultUri, sp.GetRequiredService<TokenCredential>(), null),
    TimeSpan.FromMinutes(5),
    TimeProvider.System,
    sp.GetRequiredService<ILogger<KeyVaultSecretCache>>()));
services.AddSingleton(sp => new RelaySender(
    new RelaySenderOptions { RelayAddress = hostSettings.RelayAddress, HybridConnectionName = hostSettings.HybridConnection, SendRuleName = hostSettings.SendRule },
    sp.GetRequiredService<KeyVaultSecretCache>(),
    TimeProvider.System,
    sp.GetRequiredService<ILogger<RelaySender>>()));
services.AddSingleton(_ => new SqliteRotationHistory(hostSettings.RotationHistoryPath));
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
