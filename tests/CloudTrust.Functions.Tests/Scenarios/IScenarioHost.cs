using CloudTrust.Cli.Simulated;

namespace CloudTrust.Functions.Tests.Scenarios;

/// <summary>
/// One workflow host as a scenario sees it: start an instance, read its custom status, raise events, wait for its end.
/// The same scenario code runs on the local engine (the CLI's own hosts over a SQLite journal) and on the real Durable
/// Task runtime (the Functions app's own functions), both against a simulated tenant, so the two hosts cannot drift.
/// </summary>
public interface IScenarioHost : IAsyncDisposable
{
    string Kind { get; }

    SimulatedTenant Tenant { get; }

    /// <summary>Maps wall-clock seconds to the host's workflow time (the engine runs on the tenant's accelerated clock).</summary>
    TimeSpan Time(double wallSeconds);

    Task StartAsync(string workflow, object input, string instanceId);

    /// <summary>Waits until the instance's custom status JSON satisfies the condition (fails if the instance ends first).</summary>
    Task<string> WaitForStatusAsync(string instanceId, Func<string?, bool> condition);

    Task RaiseAsync(string instanceId, string eventName, object? payload);

    /// <summary>Suspends an instance (an operator's suspend): it takes no step until resumed; events raised meanwhile are kept.</summary>
    Task SuspendAsync(string instanceId);

    /// <summary>Resumes a suspended instance.</summary>
    Task ResumeAsync(string instanceId);

    /// <summary>Waits for the end; returns the runtime status name ("Completed", "Failed", …) and the output JSON.</summary>
    Task<(string Status, string? Output)> CompletionAsync(string instanceId);
}
