using System.Net;
using System.Text.Json;
using CloudTrust.Api;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Functions.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Tests;

/// <summary>EnsureKerberosServers under the real runtime: objects created through the relay and the agent, and an agent that cannot be reached.</summary>
public sealed class EnsureKerberosServersTests
{
    [Fact]
    public async Task A_forest_without_Kerberos_server_objects_gets_one_in_every_domain()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { KerberosServersExist = false, DeviceCount = 10 });

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(EnsureKerberosServersWorkflow.Name, new EnsureKerberosServersInput(SimulatedTenant.Domains));
        var done = await harness.WaitUntilAsync(id, i => i.IsCompleted);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var output = done.ReadOutputAs<EnsureKerberosServersOutput>()!;
        Assert.Equal(SimulatedTenant.Domains.Order(), output.Domains.Select(d => d.Domain).Order());
        Assert.All(output.Domains, d => Assert.True(d.Succeeded && d.Changed && d.IsHealthy, d.ErrorMessage));
        var health = JsonSerializer.Deserialize<List<KerberosHealthView>>((await harness.HttpAsync("KerberosHealth", "GET", "/api/kerberos")).Text, ApiJson.Options)!;
        Assert.All(health, h => Assert.True(h.Healthy, string.Join("; ", h.Problems)));
    }

    [Fact]
    public async Task An_unreachable_agent_is_retried_by_the_runtime_then_reported_per_domain_without_failing_the_workflow()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { KerberosServersExist = false, DeviceCount = 10 });
        await harness.Tenant.StopAgentAsync();

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync(EnsureKerberosServersWorkflow.Name, new EnsureKerberosServersInput(["contoso.com"]));
        var done = await harness.WaitUntilAsync(id, i => i.IsCompleted, TimeSpan.FromMinutes(3));

        // The activity failed past its retry policy: the runtime called it MaxAttempts times, and the workflow got
        // ActivityFailedException (mapped from TaskFailedException) and reported the domain instead of failing.
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(EnsureKerberosServersWorkflow.Retry.MaxAttempts, harness.Invocations(FunctionNames.EnsureKerberosServer));
        var outcome = Assert.Single(done.ReadOutputAs<EnsureKerberosServersOutput>()!.Domains);
        Assert.False(outcome.Succeeded);
        Assert.True(outcome.Retryable);
        Assert.Equal(KerberosErrorCodes.RelayUnavailable, outcome.ErrorCode);

        var health = await harness.HttpAsync("KerberosHealth", "GET", "/api/kerberos");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("could not be reached", health.Text, StringComparison.Ordinal);
    }
}
