using System.Text.Json;

namespace CloudTrust.Simulator.Hosting;

/// <summary>JSON settings shared by the simulated services (camelCase, like Graph and Azure).</summary>
public static class SimulatorJson
{
    /// <summary>Gets the options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
