using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Tests.Limits;

public sealed class StatusBudgetTests
{
    [Fact]
    public void Sizes_are_the_serialized_json_in_utf16_with_escapes_counted()
    {
        Assert.Equal(10, StatusBudget.Measure("abc"));           // "abc" → 5 characters
        Assert.Equal(16, StatusBudget.Measure("<"));             // "\u003C" → 8 characters
        Assert.Equal(0, StatusBudget.Utf16Bytes(null));
        Assert.Equal(26, StatusBudget.Measure(new { phase = "x" })); // {"phase":"x"} → 13 characters
    }

    [Fact]
    public void Fit_returns_a_status_that_fits_and_reduces_one_that_does_not()
    {
        var fits = StatusBudget.Fit("small", _ => throw new InvalidOperationException("not reduced"));
        var reduced = StatusBudget.Fit(new string('a', 20_000), s => s[..10_000], s => s[..100]);

        Assert.Equal("small", fits);
        Assert.Equal(100, reduced.Length);
        Assert.Throws<InvalidOperationException>(() => StatusBudget.Fit(new string('a', 20_000), s => s[..9_000]));
    }

    [Fact]
    public void A_rollout_status_with_a_thousand_reasons_keeps_twenty_and_counts_all()
    {
        var reasons = Enumerable.Range(0, 1_000).Select(i => $"policy 'Legacy {i:D4}': UseCertificateForOnPremAuth is true");

        var status = RolloutStatus.Create("blocked", null, 0, 3, null, GateVerdict.Fail, reasons, []);

        Assert.Equal(StatusBudget.SampleSize, status.Reasons.Count);
        Assert.Equal(1_000, status.ReasonCount);
        Assert.Equal(980, status.MoreReasons);
        Assert.StartsWith("and 980 more", status.ReasonLines()[^1], StringComparison.Ordinal);
        Assert.True(StatusBudget.Measure(status) <= StatusBudget.MaxCustomStatusBytes);
    }

    [Fact]
    public void A_rollout_status_of_hostile_texts_the_json_writer_escapes_is_reduced_until_it_fits()
    {
        var hostile = Enumerable.Repeat(new string('<', 10_000), 1_000).ToList();
        var ring = new string('"', 100_000);

        var status = RolloutStatus.Create("paused", ring, 1, 1, new RingCounts(1, 0, 1, 0, 0, 0), GateVerdict.Fail, hostile, [RolloutEvents.Resume, RolloutEvents.Abort]);

        Assert.True(StatusBudget.Measure(status) <= StatusBudget.MaxCustomStatusBytes, $"{StatusBudget.Measure(status)} bytes");
        Assert.Equal(1_000, status.ReasonCount);
        Assert.Equal([RolloutEvents.Resume, RolloutEvents.Abort], status.WaitingFor);
        Assert.Equal("paused", status.Phase);
    }

    [Fact]
    public void An_empty_rollout_status_says_no_reasons_were_left_out()
    {
        var status = RolloutStatus.Create("preflight", null, 0, 1, null, null, [], []);

        Assert.Empty(status.Reasons);
        Assert.Equal(0, status.ReasonCount);
        Assert.Empty(status.ReasonLines());
    }

    [Fact]
    public void A_rotation_status_of_many_domains_with_long_failures_fits_and_counts_them()
    {
        var phases = Enumerable.Range(0, 500).Select(i => KeyValuePair.Create($"domain{i:D3}.corp.example", "failed: " + new string('<', 5_000)));

        var status = RotationStatus.Create(phases);

        Assert.True(StatusBudget.Measure(status) <= StatusBudget.MaxCustomStatusBytes, $"{StatusBudget.Measure(status)} bytes");
        Assert.Equal(500, status.Domains);
        Assert.InRange(status.Phases.Count, 0, StatusBudget.SampleSize);
    }

    [Fact]
    public void A_rotation_status_of_a_few_domains_shows_every_phase()
    {
        var status = RotationStatus.Create([KeyValuePair.Create("corp.example", "reading"), KeyValuePair.Create("emea.corp.example", "due")]);

        Assert.Equal(2, status.Domains);
        Assert.Equal("due", status.Phases["emea.corp.example"]);
    }
}
