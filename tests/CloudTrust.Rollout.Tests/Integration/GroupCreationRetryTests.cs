using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Rollout.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary>
/// A crash between Graph creating a ring group and the journal recording the activity's result makes the engine
/// run <see cref="ResolveRingGroupsActivity"/> again; the rerun must find the group, not create a second one.
/// </summary>
public sealed class GroupCreationRetryTests
{
    [Fact]
    public async Task A_create_retried_after_the_result_was_lost_makes_one_group()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddGroup("WHfB Pilot"));
        var directory = Directory.CreateTempSubdirectory("cloudtrust-groups-").FullName;
        var activity = new LosesFirstResult(new ResolveRingGroupsActivity(harness.Graph, NullLoggerFactory.Instance));
        var registry = new WorkflowRegistry()
            .AddWorkflow<ResolveRingGroupsInput, ResolveRingGroupsResult>(ResolveOnly.Name, new ResolveOnly())
            .AddActivity<ResolveRingGroupsInput, ResolveRingGroupsResult>(RolloutActivityNames.ResolveRingGroups, activity);
        await using (var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = Path.Combine(directory, "journal.db"), PollInterval = TimeSpan.FromMilliseconds(50) }, harness.Clock, NullLoggerFactory.Instance))
        {
            await engine.StartAsync(ResolveOnly.Name, new ResolveRingGroupsInput([["WHfB Pilot"], ["WHfB Broad"]], CreateMissing: true), "groups-1");
            using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var instance = await engine.WaitForCompletionAsync("groups-1", safety.Token);

            Assert.True(instance.Status == WorkflowStatus.Completed, $"{instance.Status}: {instance.Failure}");
            var result = instance.ReadOutputAs<ResolveRingGroupsResult>()!;
            Assert.Equal(2, activity.Runs);
            Assert.Empty(result.Created);
            var broad = Assert.Single(harness.Intune.Groups(), g => g.DisplayName == "WHfB Broad");
            Assert.Equal(broad.Id, result.GroupIds["WHfB Broad"]);
        }

        Assert.Single(harness.GraphWrites(), w => w.Method == "POST" && w.Path == "/v1.0/groups");
        Assert.Equal(2, harness.Intune.Groups().Count);
        Directory.Delete(directory, recursive: true);
    }

    private sealed class ResolveOnly : IWorkflow<ResolveRingGroupsInput, ResolveRingGroupsResult>
    {
        public const string Name = "Test.ResolveOnly";

        public Task<ResolveRingGroupsResult> RunAsync(IWorkflowContext context, ResolveRingGroupsInput input)
            => context.CallActivityAsync<ResolveRingGroupsResult>(RolloutActivityNames.ResolveRingGroups, input, new ActivityRetryPolicy(3, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Runs the real activity, then throws the first time, as a host dying before the journal commit would leave it.</summary>
    private sealed class LosesFirstResult(ResolveRingGroupsActivity inner) : IActivity<ResolveRingGroupsInput, ResolveRingGroupsResult>
    {
        public int Runs { get; private set; }

        public async Task<ResolveRingGroupsResult> RunAsync(ResolveRingGroupsInput input, CancellationToken cancellationToken)
        {
            var result = await inner.RunAsync(input, cancellationToken);
            Runs++;
            return Runs == 1 ? throw new IOException("the host died before the activity's result was recorded") : result;
        }
    }
}
