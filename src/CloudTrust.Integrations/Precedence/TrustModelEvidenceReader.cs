using CloudTrust.Core.Precedence;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.TicketProbe;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Precedence;

/// <summary>
/// What a ring already reports: its users with WHfB registered (the readiness reader's registration details) and,
/// when the ticket probe was deployed, its devices' CloudTgt/OnPremTgt results; with the ring's device names and
/// hybrid-joined count, which the Group Policy coverage and the migration's warning need. Reads only.
/// </summary>
internal sealed class TrustModelEvidenceReader(GraphConnection graph, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<RingEvidence> ReadAsync(IReadOnlyList<Guid> groupIds, string? ticketProbeScriptId, CancellationToken cancellationToken)
    {
        var devices = new GroupDeviceIds(graph);
        var readiness = new FleetReadinessReader(graph, devices, time, loggers.CreateLogger<FleetReadinessReader>());
        var tally = (await readiness.ReadRingsAsync([groupIds], TimeSpan.FromDays(7), 0, cancellationToken, keepNames: true))[0];
        if (ticketProbeScriptId is null)
        {
            return new RingEvidence(new TrustModelEvidence(tally.UsersWithWhfb, 0, 0), tally.DeviceNames, tally.HybridJoined);
        }

        var ring = await devices.ReadAsync(groupIds, cancellationToken);
        var probe = await new TicketProbeDeployment(graph).ReadAsync(ticketProbeScriptId, 0, cancellationToken, ring);
        return new RingEvidence(new TrustModelEvidence(tally.UsersWithWhfb, probe.Reported, probe.Working), tally.DeviceNames, tally.HybridJoined);
    }
}

/// <summary>A ring's trust-model evidence, its managed devices' names and how many are hybrid joined.</summary>
/// <param name="Evidence">What users and devices report.</param>
/// <param name="DeviceNames">The ring's managed device names.</param>
/// <param name="HybridJoined">How many are Microsoft Entra hybrid joined.</param>
internal sealed record RingEvidence(TrustModelEvidence Evidence, IReadOnlySet<string> DeviceNames, int HybridJoined);
