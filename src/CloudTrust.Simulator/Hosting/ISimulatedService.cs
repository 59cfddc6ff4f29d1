using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Hosting;

/// <summary>One simulated cloud service (Graph, Key Vault, the relay…) that the tenant server hosts.</summary>
public interface ISimulatedService
{
    /// <summary>Maps the service's endpoints.</summary>
    /// <param name="routes">The server's routes.</param>
    /// <param name="tenant">The hosting server, for its base address, directory and clock.</param>
    void Map(IEndpointRouteBuilder routes, SimulatedTenantServer tenant);
}
