using System.Text.Json;
using Azure.Core.Serialization;
using Azure.Data.Tables;
using CloudTrust.Api;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Composition;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.History;
using CloudTrust.Integrations.KeyVault;
using CloudTrust.Integrations.Relay;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Functions.Composition;

/// <summary>
/// The Functions host's one composition: the JSON shape of every Durable payload and binding, the tenant's clients and
/// the activity sets. <c>Program.cs</c> calls it for the deployed worker and the tests call it for theirs, so what the
/// tests run is wired as Azure runs it.
/// </summary>
public static class FunctionsServices
{
    /// <summary>Registers the host's services.</summary>
    /// <param name="services">The worker's services.</param>
    /// <param name="settings">The validated app settings.</param>
    /// <param name="connection">How to reach the tenant.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCloudTrust(this IServiceCollection services, HostSettings settings, FunctionsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);

        // The Durable extension turns the worker's ObjectSerializer into its DataConverter for orchestration inputs,
        // outputs, custom status and activity inputs (azure-functions-durable-extension
        // src/Worker.Extensions.DurableTask/DurableTaskExtensionStartup.cs GetConverter, ObjectConverterShim.cs,
        // ActivityInputConverter.cs). But TaskOrchestrationContext.GetInput<T>() of an orchestrator that declares no
        // input parameter reads a JsonElement with the worker's IOptions<JsonSerializerOptions> instead
        // (FunctionsOrchestrationContext.cs GetInput, FunctionsOrchestrationContext.InputConverter.cs), which knew no
        // string enums: that is how KeyRotation failed on "$.mode". Both paths now read the one shape.
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(ApiJson.Options));
        services.Configure<JsonSerializerOptions>(ApiJson.ApplyTo);
        services.AddSingleton(connection.Clock);
        services.AddSingleton(settings);
        services.AddSingleton(sp => GraphConnection.Create(
            new GraphConnectionOptions
            {
                BaseAddress = settings.GraphAddress,
                TenantId = settings.TenantId,
                ClientId = settings.ManagedIdentityClientId ?? "managed-identity",
                PinnedCertificate = connection.TrustedCertificate,
            },
            connection.Credential));
        services.AddSingleton(sp => new KeyVaultSecretCache(
            KeyVaultSecretClientFactory.Create(settings.KeyVaultUri, connection.Credential, connection.TrustedCertificate),
            TimeSpan.FromMinutes(5),
            TimeProvider.System,
            sp.GetRequiredService<ILogger<KeyVaultSecretCache>>()));
        services.AddSingleton(sp => new RelaySender(
            new RelaySenderOptions
            {
                RelayAddress = settings.RelayAddress,
                HybridConnectionName = settings.HybridConnection,
                SendRuleName = settings.SendRule,
                PinnedCertificate = connection.TrustedCertificate,
            },
            sp.GetRequiredService<KeyVaultSecretCache>(),
            TimeProvider.System,
            sp.GetRequiredService<ILogger<RelaySender>>()));
        services.AddSingleton<IRotationHistory>(sp => new TableRotationHistory(
            connection.RotationHistoryTables?.Invoke() ?? new TableServiceClient(settings.RotationHistoryTableUri, connection.Credential),
            settings.RotationHistoryTableName,
            sp.GetRequiredService<ILogger<TableRotationHistory>>()));
        services.AddSingleton(sp =>
        {
            var sender = sp.GetRequiredService<RelaySender>();
            return new RolloutActivitySet(
                sp.GetRequiredService<GraphConnection>(),
                new RelayKerberosServerPreflight(sender, settings.RotationPolicy.SignIn),
                new RelayHelloGroupPolicyReader(sender),
                connection.Clock,
                sp.GetRequiredService<ILoggerFactory>(),
                new RelayOnPremisesReadiness(sender));
        });
        services.AddSingleton(sp => new KerberosActivitySet(
            sp.GetRequiredService<RelaySender>(),
            sp.GetRequiredService<IRotationHistory>()));
        return services;
    }
}
