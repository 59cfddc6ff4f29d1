namespace CloudTrust.Simulator.Hosting;

/// <summary>How to start the simulated tenant.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Gets the port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Gets the simulated tenant's id.</summary>
    public Guid TenantId { get; init; } = new("8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b");

    /// <summary>Gets the JSON-lines file every received request is appended to; none when null.</summary>
    public string? RequestLogPath { get; init; }

    /// <summary>Gets the largest request body accepted.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Gets the seed for everything random in the simulation, so runs are reproducible.</summary>
    public int Seed { get; init; } = 20261122;
}
