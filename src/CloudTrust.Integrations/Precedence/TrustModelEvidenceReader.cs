using CloudTrust.Core.Precedence;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.TicketProbe;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Precedence;

/// <summary>
/// What a ring already reports: its users with WHfB registered (the readiness reader's registration details) and,
/// when the ticket probe was deployed, its devices' CloudTgt/OnPremTgt results. Reads only.
/// </summary>
internal sealed class TrustModelEvidenceReader(GraphConnection graph, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<TrustModelEvidence> ReadAsync(IReadOnlyList<Guid> groupIds, string? ticketProbeScriptId, CancellationToken cancellationToken)
    {
        var devices = new GroupDeviceIds(graph);
        var readiness = new FleetReadinessReader(graph, devices, time, loggers.CreateLogger<FleetReadinessReader>());
        var tally = (await readiness.ReadRingsAsync([groupIds], TimeSpan.FromDays(7), 0, cancellationToken))[0];
        if (ticketProbeScriptId is null)
        {
            return new TrustModelEvidence(tally.UsersWithWhfb, 0, 0);
        }

        var ring = await devices.ReadAsync(groupIds, cancellationToken);
        var probe = await new TicketProbeDeployment(graph).ReadAsync(ticketProbeScriptId, 0, cancellationToken, ring);
        return new TrustModelEvidence(tally.UsersWithWhfb, probe.Reported, probe.Working);
    }
}
