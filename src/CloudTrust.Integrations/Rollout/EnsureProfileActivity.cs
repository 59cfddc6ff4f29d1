using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Creates our profile if absent, replaces its settings if they drifted, leaves it if equal.</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class EnsureProfileActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<EnsureProfileInput, EnsureProfileResult>
{
    /// <inheritdoc />
    public Task<EnsureProfileResult> RunAsync(EnsureProfileInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(graph);
        return input.Mode switch
        {
            ProfileMode.SettingsCatalog => new SettingsCatalogProfile(graph.Beta, loggers.CreateLogger<SettingsCatalogProfile>())
                .EnsureAsync(input.ProfileName, input.RequireSecurityDevice, input.Hello, cancellationToken),
            _ => new CustomOmaUriProfile(graph, loggers.CreateLogger<CustomOmaUriProfile>())
                .EnsureAsync(input.ProfileName, input.TenantId, input.RequireSecurityDevice, input.Hello, cancellationToken),
        };
    }
}
