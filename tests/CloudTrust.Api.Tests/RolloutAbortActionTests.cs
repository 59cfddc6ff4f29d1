using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Api.Tests;

/// <summary>When <c>POST /api/rollouts/{id}/abort</c> is taken: in every phase until the rollout has finished, and not twice.</summary>
public sealed class RolloutAbortActionTests
{
    [Theory]
    [InlineData("Pending", null)]
    [InlineData("Running", "preflight")]
    [InlineData("Running", "assigning")]
    [InlineData("Running", "verifying")]
    [InlineData("Running", "signInTracking")]
    [InlineData("Running", "reprovisioning")]
    [InlineData("Running", "ticketProbe")]
    [InlineData("Running", "paused")]
    [InlineData("Suspended", "verifying")]
    public void An_abort_is_taken_in_every_phase_of_an_unfinished_rollout(string runtimeStatus, string? phase)
        => Assert.Empty(RolloutAction.CheckAbortable(runtimeStatus, Status(phase)));

    [Fact]
    public void An_abort_of_a_finished_rollout_or_of_one_rolling_back_is_refused_with_why()
    {
        Assert.Equal("action: the rollout has finished (done); there is nothing to abort", Assert.Single(RolloutAction.CheckAbortable("Completed", Status("done"))).ToString());
        Assert.Equal("action: the rollout has finished (aborted); there is nothing to abort", Assert.Single(RolloutAction.CheckAbortable("Completed", Status("aborted"))).ToString());
        Assert.Equal("action: the rollout has finished (failed); there is nothing to abort", Assert.Single(RolloutAction.CheckAbortable("Failed", Status("verifying"))).ToString());
        Assert.Equal("action: the rollout has finished (terminated); there is nothing to abort", Assert.Single(RolloutAction.CheckAbortable("Terminated", null)).ToString());
        Assert.Equal("action: the rollout is being aborted already (rolling back)", Assert.Single(RolloutAction.CheckAbortable("Running", Status("aborted"))).ToString());
    }

    private static RolloutStatus? Status(string? phase) => phase is null ? null : new RolloutStatus(phase, "early", 2, 3, null, null, [], []);
}
