using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Preview;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>
/// The rollout preflight's on-premises read, the same one <c>cloudtrust plan</c> makes (<see cref="OnPremisesReadinessReader"/>):
/// each plan domain's domain controllers per site, and each ring's users (the primary users of its devices, read from
/// Intune as readiness reads them) checked against the Password Replication Policy of every plan domain's object.
/// Read-only operations the agent runs as its own account. Without an agent (<c>null</c> port) nothing is read.
/// </summary>
/// <param name="graph">The Graph connection (ring users).</param>
/// <param name="port">The agent over the relay; null when the host has none.</param>
/// <param name="time">The clock readiness judges check-ins by.</param>
/// <param name="loggers">Loggers.</param>
public sealed partial class CheckOnPremisesReadinessActivity(GraphConnection graph, IOnPremisesReadinessPort? port, TimeProvider time, ILoggerFactory loggers)
    : IActivity<OnPremisesReadinessInput, OnPremisesReadinessResult>
{
    private readonly ILogger logger = loggers.CreateLogger<CheckOnPremisesReadinessActivity>();

    /// <inheritdoc />
    public async Task<OnPremisesReadinessResult> RunAsync(OnPremisesReadinessInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (port is null)
        {
            return new OnPremisesReadinessResult(false, null);
        }

        var reader = new FleetReadinessReader(graph, new GroupDeviceIds(graph), time, loggers.CreateLogger<FleetReadinessReader>());
        var tallies = await reader.ReadRingsAsync([.. input.Rings.Select(r => r.GroupIds)], RolloutWorkflow.StaleAfter, RolloutWorkflow.SampleLimit, cancellationToken, keepNames: true);
        var ringUsers = input.Rings.Select((r, i) => (r.Ring, (IReadOnlyCollection<string>)[.. tallies[i].UserPrincipalNames])).ToList();
        var read = await new OnPremisesReadinessReader(port).ReadAsync(input.Domains, ringUsers, cancellationToken);
        LogRead(input.Domains.Count, read.Blockers.Count(), read.Rings.Sum(r => r.DeniedCount));
        return new OnPremisesReadinessResult(true, read.Bounded(input.MaxNamedPerRing));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "On-premises readiness of {Domains} domain(s): {SiteProblems} site problem(s), {Denied} denied ring user(s)")]
    private partial void LogRead(int domains, int siteProblems, int denied);
}
