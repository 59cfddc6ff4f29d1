using System.Text.Json;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Api.Tests;

public sealed class RolloutStatusViewTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_view_reads_what_the_host_stored_with_the_shared_json_shape_enums_as_strings()
    {
        var status = new RolloutStatus("paused", "early", 2, 3, new RingCounts(10, 6, 3, 0, 1, 0), GateVerdict.Fail, ["error rate 30% above 5%"], [RolloutEvents.Resume, RolloutEvents.Abort]);
        var statusJson = ApiJson.Serialize(status);

        var view = RolloutStatusView.From("rollout-change-1", "Running", Created, Created.AddHours(1), statusJson, null);

        Assert.Contains("\"verdict\":\"Fail\"", statusJson, StringComparison.Ordinal);
        Assert.Equal(("paused", "early", 2, 3, GateVerdict.Fail), (view.Phase, view.Ring, view.RingNumber, view.RingCount, view.Verdict));
        Assert.Equal(new RingCounts(10, 6, 3, 0, 1, 0), view.Counts);
        Assert.Equal(status.WaitingFor, view.WaitingFor);
        Assert.Equal(status.Reasons, view.Reasons);
        Assert.Empty(view.History);
        Assert.Null(view.Report);
    }

    [Fact]
    public void While_a_ring_is_verified_the_view_shows_the_ring_instances_counts_and_verdict()
    {
        var rollout = ApiJson.Serialize(new RolloutStatus("verifying", "early", 2, 3, null, GateVerdict.Wait, [], []));
        var ring = ApiJson.Serialize(new RolloutStatus("verifying", "early", 2, 3, new RingCounts(10, 6, 0, 0, 4, 0), GateVerdict.Wait, ["success share 60.0% below 95.0%"], []));
        var stale = ApiJson.Serialize(new RolloutStatus("verifying", "pilot", 1, 3, new RingCounts(5, 5, 0, 0, 0, 0), GateVerdict.Pass, [], []));

        var view = RolloutStatusView.From("rollout-a", "Running", Created, Created, rollout, null, ring);
        var other = RolloutStatusView.From("rollout-a", "Running", Created, Created, rollout, null, stale);

        Assert.Equal("rollout-a.ring-2", RolloutChildInstances.ToRead("rollout-a", view.AsStatus()));
        Assert.Equal(new RingCounts(10, 6, 0, 0, 4, 0), view.Counts);
        Assert.Equal("success share 60.0% below 95.0%", Assert.Single(view.Reasons));
        Assert.Null(other.Counts);
        Assert.Equal("early", other.Ring);
    }

    [Fact]
    public void A_bounded_status_shows_its_sample_and_how_many_reasons_it_left_out()
    {
        var status = RolloutStatus.Create("blocked", null, 0, 3, null, GateVerdict.Fail, Enumerable.Range(0, 1_000).Select(i => $"policy {i}: certificate trust"), []);

        var view = RolloutStatusView.From("rollout-many", "Completed", Created, Created, ApiJson.Serialize(status), null);
        var json = ApiJson.Serialize(view);

        Assert.Equal(20, view.Reasons.Count);
        Assert.Equal(1_000, view.ReasonCount);
        Assert.Equal(980, view.MoreReasons);
        Assert.Contains("\"reasonCount\":1000", json, StringComparison.Ordinal);
        Assert.Contains("\"moreReasons\":980", json, StringComparison.Ordinal);
        Assert.Equal(1_000, view.AsStatus().ReasonCount);
    }

    [Fact]
    public void A_status_written_before_reasons_were_counted_still_reads_with_nothing_left_out()
    {
        const string older = """{"phase":"paused","ring":"early","ringNumber":2,"ringCount":3,"counts":null,"verdict":"Fail","reasons":["gate failed"],"waitingFor":["resume","abort"]}""";

        var view = RolloutStatusView.From("rollout-old", "Running", Created, Created, older, null);

        Assert.Equal("paused", view.Phase);
        Assert.Equal(1, view.ReasonCount);
        Assert.Equal(0, view.MoreReasons);
    }

    [Fact]
    public void A_completed_rollout_lists_each_ring_it_reached_in_order()
    {
        RingReport Ring(string name, GateVerdict verdict, bool resumed) => new(name, null, [], new RingCounts(4, 4, 0, 0, 0, 0), verdict, [$"{name} reason"], [], resumed, 3);
        var report = new RolloutReport(RolloutOutcome.Completed, [], [], [], "policy-1", null, [Ring("pilot", GateVerdict.Pass, false), Ring("broad", GateVerdict.Fail, true)], []);

        var view = RolloutStatusView.From("rollout-a", "Completed", Created, Created, null, ApiJson.Serialize(report));

        Assert.Equal(RolloutOutcome.Completed, view.Report!.Outcome);
        Assert.Equal(["pilot", "broad"], view.History.Select(h => h.Ring));
        Assert.Equal([GateVerdict.Pass, GateVerdict.Fail], view.History.Select(h => h.Verdict));
        Assert.Equal([false, true], view.History.Select(h => h.ResumedByPerson));
        Assert.Equal("broad reason", Assert.Single(view.History[1].Reasons));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("\"a string\"")]
    [InlineData("[1,2]")]
    [InlineData("{\"phase\": 5}")]
    [InlineData("{\"verdict\": \"Maybe\"}")]
    [InlineData("null")]
    public void Unreadable_custom_status_or_output_reads_as_pending_not_an_exception(string json)
    {
        var view = RolloutStatusView.From("rollout-a", "Running", Created, Created, json, json);

        Assert.Equal("pending", view.Phase);
        Assert.Null(view.Report);
        Assert.Empty(view.History);
    }

    [Fact]
    public void A_view_serializes_with_camel_case_names_and_string_enums()
    {
        var status = new RolloutStatus("verifying", "pilot", 1, 1, null, GateVerdict.Wait, [], []);
        using var json = JsonDocument.Parse(ApiJson.Serialize(RolloutStatusView.From("rollout-a", "Running", Created, Created, ApiJson.Serialize(status), null)));

        Assert.Equal("Wait", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("rollout-a", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("history").ValueKind);
    }
}
