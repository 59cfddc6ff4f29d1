using System.Text.Json.Nodes;
using CloudTrust.Functions.Triggers;
using CloudTrust.Functions.Tests.Support;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Tests;

/// <summary>The <c>rollout-requests</c> queue function under the real runtime: at most one rollout per request id, poison records for bad messages.</summary>
public sealed class QueueTriggerTests
{
    [Fact]
    public async Task A_redelivered_message_starts_nothing_new()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 30 });
        var message = new JsonObject { ["requestId"] = "From-Queue-1", ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();

        var first = (RolloutQueueOutput)(await harness.InvokeAsync("RolloutFromQueue", message))!;
        var again = (RolloutQueueOutput)(await harness.InvokeAsync("RolloutFromQueue", message))!;

        Assert.Null(first.Rejection);
        Assert.Null(again.Rejection);
        var instance = Assert.Single(await harness.RolloutsAndRunsAsync());
        Assert.Equal("rollout-from-queue-1", instance.InstanceId);
        await harness.WaitUntilAsync(instance.InstanceId, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"plan\": {}}")]
    [InlineData("{\"requestId\": \"bad id!\", \"plan\": {}}")]
    [InlineData("{\"requestId\": \"r1\", \"plan\": {\"rings\": [{\"groupIds\": [\"not-a-guid\"]}]}}")]
    [InlineData("[]")]
    public async Task A_bad_message_gives_its_poison_record_and_no_instance(string message)
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 10 });

        var output = (RolloutQueueOutput)(await harness.InvokeAsync("RolloutFromQueue", message))!;

        var rejection = JsonNode.Parse(Assert.IsType<string>(output.Rejection))!;
        Assert.Equal(message, rejection["message"]!.GetValue<string>());
        Assert.NotNull(rejection["problem"]);
        Assert.Empty(await harness.Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
        Assert.Empty(harness.Tenant.Intune.Policies());
    }
}
