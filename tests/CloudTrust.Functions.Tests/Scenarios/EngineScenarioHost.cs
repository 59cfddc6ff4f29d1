using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rotation;
using CloudTrust.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Functions.Tests.Scenarios;

/// <summary>The local engine as the CLI runs it: <see cref="RolloutHost"/> and <see cref="RotationHost"/> on SQLite journals.</summary>
public sealed class EngineScenarioHost : IScenarioHost
{
    private readonly RolloutHost rollouts;
    private readonly RotationHost rotations;
    private readonly double timeFactor;

    private EngineScenarioHost(SimulatedTenant tenant, RolloutHost rollouts, RotationHost rotations, double timeFactor)
    {
        Tenant = tenant;
        this.rollouts = rollouts;
        this.rotations = rotations;
        this.timeFactor = timeFactor;
    }

    public string Kind => "engine";

    public SimulatedTenant Tenant { get; }

    public static async Task<EngineScenarioHost> StartAsync(double timeFactor = 57_600)
    {
        var directory = Directory.CreateTempSubdirectory("cloudtrust-scenario-engine-").FullName;
        var tenant = await SimulatedTenant.StartAsync(new SimulatedTenantOptions { Directory = directory, DeviceCount = 600, TimeFactor = timeFactor });
        var settings = tenant.ReadSettings();
        var rollouts = RolloutHost.Open(Path.Combine(directory, "rollouts.db"), settings, NullLoggerFactory.Instance, tenant.CreateCredential());
        var rotations = RotationHost.Open(Path.Combine(directory, "rotations.db"), settings, NullLoggerFactory.Instance, tenant.CreateCredential());
        return new EngineScenarioHost(tenant, rollouts, rotations, timeFactor);
    }

    public TimeSpan Time(double wallSeconds) => TimeSpan.FromSeconds(wallSeconds * timeFactor);

    public Task StartAsync(string workflow, object input, string instanceId) => EngineFor(workflow).StartAsync(workflow, input, instanceId);

    public async Task<string> WaitForStatusAsync(string instanceId, Func<string?, bool> condition)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var instance = await EngineOf(instanceId).WaitUntilAsync(instanceId, i => i.Status.IsFinal() || condition(i.CustomStatus), safety.Token);
        Assert.True(condition(instance.CustomStatus), $"{instanceId} ended {instance.Status} first: {instance.Failure} {instance.CustomStatus}");
        return instance.CustomStatus!;
    }

    public Task RaiseAsync(string instanceId, string eventName, object? payload) => EngineOf(instanceId).RaiseEventAsync(instanceId, eventName, payload);

    public Task SuspendAsync(string instanceId) => EngineOf(instanceId).SuspendAsync(instanceId, "scenario");

    public Task ResumeAsync(string instanceId) => EngineOf(instanceId).ResumeAsync(instanceId, "scenario");

    public async Task<(string Status, string? Output)> CompletionAsync(string instanceId)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var instance = await EngineOf(instanceId).WaitForCompletionAsync(instanceId, safety.Token);
        return (instance.Status.ToString(), instance.Output);
    }

    public async ValueTask DisposeAsync()
    {
        await rollouts.DisposeAsync();
        await rotations.DisposeAsync();
        await Tenant.DisposeAsync();
    }

    private WorkflowEngine EngineFor(string workflow) => workflow == KeyRotationWorkflow.Name ? rotations.Engine : rollouts.Engine;

    private WorkflowEngine EngineOf(string instanceId) => rotations.Engine.GetInstance(instanceId) is not null ? rotations.Engine : rollouts.Engine;
}
