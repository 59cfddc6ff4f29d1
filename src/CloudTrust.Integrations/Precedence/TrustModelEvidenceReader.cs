using CloudTrust.Core.Precedence;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.TicketProbe;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Precedence;

/// <summary>
/// What each ring already reports: its users with WHfB registered (the readiness reader's registration details) and,
/// when the ticket probe was deployed, its devices' CloudTgt/OnPremTgt results; with the ring's device names and
/// hybrid-joined count, which the Group Policy coverage and the migration's warning need. Reads only.
/// </summary>
internal sealed class TrustModelEvidenceReader(GraphConnection graph, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>
    /// Reads every ring's evidence in one pass over the managed devices and registrations (and the probe's run states
    /// once per ring); the rings' device names are kept only when <paramref name="keepNames"/> (the Group Policy
    /// coverage needs them), since at 100,000 devices they are most of what the read would hold.
    /// </summary>
    public async Task<IReadOnlyList<RingEvidence>> ReadAsync(IReadOnlyList<IReadOnlyList<Guid>> rings, string? ticketProbeScriptId, bool keepNames, CancellationToken cancellationToken)
    {
        var devices = new GroupDeviceIds(graph);
        var readiness = new FleetReadinessReader(graph, devices, time, loggers.CreateLogger<FleetReadinessReader>());
        var tallies = await readiness.ReadRingsAsync(rings, TimeSpan.FromDays(7), 0, cancellationToken, keepNames);
        var evidence = new List<RingEvidence>(rings.Count);
        for (var i = 0; i < rings.Count; i++)
        {
            var tally = tallies[i];
            var (reported, working) = (0, 0);
            if (ticketProbeScriptId is not null)
            {
                var ring = await devices.ReadAsync(rings[i], cancellationToken);
                var probe = await new TicketProbeDeployment(graph).ReadAsync(ticketProbeScriptId, 0, cancellationToken, ring);
                (reported, working) = (probe.Reported, probe.Working);
            }

            evidence.Add(new RingEvidence(new TrustModelEvidence(tally.UsersWithWhfb, reported, working), tally.DeviceNames, tally.HybridJoined));
        }

        return evidence;
    }
}

/// <summary>A ring's trust-model evidence, its managed devices' names and how many are hybrid joined.</summary>
/// <param name="Evidence">What users and devices report.</param>
/// <param name="DeviceNames">The ring's managed device names.</param>
/// <param name="HybridJoined">How many are Microsoft Entra hybrid joined.</param>
internal sealed record RingEvidence(TrustModelEvidence Evidence, IReadOnlySet<string> DeviceNames, int HybridJoined);
