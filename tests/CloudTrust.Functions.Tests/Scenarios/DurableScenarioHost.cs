using CloudTrust.Cli.Simulated;
using CloudTrust.Functions.Tests.Support;
using Microsoft.DurableTask;

namespace CloudTrust.Functions.Tests.Scenarios;

/// <summary>The Functions app on the real Durable Task runtime (<see cref="FunctionsHarness"/>); workflow time is wall time.</summary>
public sealed class DurableScenarioHost(FunctionsHarness harness) : IScenarioHost
{
    public string Kind => "durable";

    public SimulatedTenant Tenant => harness.Tenant;

    public static async Task<DurableScenarioHost> StartAsync() => new(await FunctionsHarness.StartAsync());

    public TimeSpan Time(double wallSeconds) => TimeSpan.FromSeconds(wallSeconds);

    public Task StartAsync(string workflow, object input, string instanceId)
        => harness.Client.ScheduleNewOrchestrationInstanceAsync(workflow, input, new StartOrchestrationOptions(instanceId));

    public async Task<string> WaitForStatusAsync(string instanceId, Func<string?, bool> condition)
        => (await harness.WaitUntilAsync(instanceId, i => condition(i.SerializedCustomStatus))).SerializedCustomStatus!;

    public Task RaiseAsync(string instanceId, string eventName, object? payload) => harness.Client.RaiseEventAsync(instanceId, eventName, payload);

    public async Task SuspendAsync(string instanceId)
    {
        // Durable suspends through a message to the instance: wait until it has taken it.
        await harness.Client.SuspendInstanceAsync(instanceId, "scenario");
        await harness.WaitUntilAsync(instanceId, i => i.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Suspended);
    }

    public Task ResumeAsync(string instanceId) => harness.Client.ResumeInstanceAsync(instanceId, "scenario");

    public async Task<(string Status, string? Output)> CompletionAsync(string instanceId)
    {
        var done = await harness.WaitUntilAsync(instanceId, i => i.IsCompleted);
        return (done.RuntimeStatus.ToString(), done.SerializedOutput);
    }

    public ValueTask DisposeAsync() => harness.DisposeAsync();
}
