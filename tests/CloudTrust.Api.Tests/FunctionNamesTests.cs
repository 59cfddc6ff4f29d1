using System.Reflection;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Api.Tests;

public sealed class FunctionNamesTests
{
    [Fact]
    public void Every_activity_name_the_workflows_use_has_a_function_and_names_are_unique()
    {
        var declared = new[] { typeof(RolloutActivityNames), typeof(RotationActivities) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && !f.Name.EndsWith("Event", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Append(Core.Kerberos.EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName)
            .ToList();

        Assert.Empty(declared.Except(FunctionNames.Activities));
        Assert.Equal(FunctionNames.Activities.Count, FunctionNames.Activities.Distinct().Count());
        Assert.Empty(FunctionNames.Activities.Intersect(FunctionNames.Orchestrators));
    }

    [Fact]
    public void Every_function_name_fits_the_hosts_rule_and_every_activity_maps_to_its_own_function()
    {
        var rule = new System.Text.RegularExpressions.Regex(FunctionNames.HostNameRule, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var activityFunctions = FunctionNames.Activities.Select(FunctionNames.FunctionFor).ToList();
        var constants = typeof(FunctionNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.Name != nameof(FunctionNames.HostNameRule))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.All(FunctionNames.Orchestrators.Concat(activityFunctions).Concat(constants), name => Assert.Matches(rule, name));
        Assert.Equal(activityFunctions.Count, activityFunctions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(constants.Except(activityFunctions));
        Assert.Empty(activityFunctions.Except(constants));
        Assert.Equal("Rollout_AssignGroups", FunctionNames.FunctionFor(RolloutActivityNames.AssignGroups));
        Assert.DoesNotMatch(rule, RolloutActivityNames.AssignGroups);
        Assert.DoesNotMatch(rule, "host");
    }

    [Fact]
    public void Actions_map_to_the_rollouts_events_and_only_when_it_waits_for_them()
    {
        var paused = new RolloutStatus("paused", "early", 2, 3, null, null, ["gate failed"], [RolloutEvents.Resume, RolloutEvents.Abort]);

        Assert.Empty(RolloutAction.TryMap("resume", out var resume));
        Assert.Equal(RolloutEvents.Resume, resume);
        Assert.Empty(RolloutAction.CheckWaitingFor(paused, resume));
        Assert.Empty(RolloutAction.TryMap("approve", out var approve));
        Assert.Equal("action: the rollout is paused and does not wait for 'approve' (it waits for: resume, abort)", Assert.Single(RolloutAction.CheckWaitingFor(paused, approve)).ToString());
        Assert.Equal("action: must be approve, resume, abort or approve-deletion", Assert.Single(RolloutAction.TryMap("delete", out _)).ToString());
    }

    [Fact]
    public void A_deletion_approval_must_name_the_ring_the_rollout_waits_on_and_plain_approve_is_not_one()
    {
        var waiting = new RolloutStatus("awaitingDeletionApproval", "legacy", 2, 3, null, null, [], [RolloutEvents.ApproveDeletion, RolloutEvents.Abort]);
        Assert.Empty(RolloutAction.TryMap("approve-deletion", out var eventName));
        Assert.Equal(RolloutEvents.ApproveDeletion, eventName);
        Assert.Empty(RolloutAction.CheckWaitingFor(waiting, eventName));
        Assert.NotEmpty(RolloutAction.CheckWaitingFor(waiting, RolloutEvents.Approve));

        Assert.Empty(RolloutAction.ReadDeletionApproval("""{ "ring": "legacy" }"""u8, waiting, "admin@contoso.com", out var approval));
        Assert.Equal(new ContainerDeletionApproval("legacy", "admin@contoso.com"), approval);
        Assert.Equal("ring: the rollout waits to delete the Hello containers of ring 'legacy', not 'pilot'", Assert.Single(RolloutAction.ReadDeletionApproval("""{ "ring": "pilot" }"""u8, waiting, null, out var wrong)).ToString());
        Assert.Null(wrong);
        Assert.Equal("ring: required: the name of the ring whose Hello containers may be deleted", Assert.Single(RolloutAction.ReadDeletionApproval("{}"u8, waiting, null, out _)).ToString());
        Assert.StartsWith("body: not JSON", Assert.Single(RolloutAction.ReadDeletionApproval("ring=legacy"u8, waiting, null, out _)).ToString(), StringComparison.Ordinal);
        var verifying = waiting with { Phase = "verifying" };
        Assert.Equal("ring: the rollout waits to delete the Hello containers of no ring, not 'legacy'", Assert.Single(RolloutAction.ReadDeletionApproval("""{ "ring": "legacy" }"""u8, verifying, null, out _)).ToString());
    }

    [Fact]
    public void The_status_view_reads_the_hosts_metadata_and_tolerates_missing_or_bad_json()
    {
        var view = RolloutStatusView.From("rollout-x", "Running", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, """{"phase":"verifying","ring":"pilot","ringNumber":1,"ringCount":3,"counts":null,"verdict":null,"reasons":[],"waitingFor":[]}""", "not json");
        var empty = RolloutStatusView.From("rollout-y", "Pending", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null);

        Assert.Equal(("verifying", "pilot", 1, 3), (view.Phase, view.Ring, view.RingNumber, view.RingCount));
        Assert.Null(view.Report);
        Assert.Equal("pending", empty.Phase);
    }
}
