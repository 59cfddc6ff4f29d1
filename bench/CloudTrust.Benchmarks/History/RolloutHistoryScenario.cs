using System.Globalization;

namespace CloudTrust.Benchmarks.History;

/// <summary>
/// The rollout the history benchmark runs: <see cref="Rings"/> rings with a verification deadline of
/// <see cref="Deadline"/>, read every <see cref="PollInterval"/>, whose devices reach the success threshold only at
/// read <see cref="PassAtRead"/> (late in the deadline), so every ring polls for most of its deadline.
/// </summary>
/// <param name="Rings">How many rings.</param>
/// <param name="Deadline">Each ring's verification deadline.</param>
/// <param name="PollInterval">How often a ring's status is read.</param>
/// <param name="PassAtRead">The read of each ring from which its devices meet the threshold.</param>
public sealed record RolloutHistoryScenario(int Rings, TimeSpan Deadline, TimeSpan PollInterval, int PassAtRead)
{
    /// <summary>Gets each ring's soak (one day in the scenario).</summary>
    public TimeSpan Soak { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Gets the same scenario with every duration divided by <paramref name="factor"/>: the same reads, polls and history,
    /// for a host whose durable timers follow the wall clock (the Durable runtime).
    /// </summary>
    /// <param name="factor">How much faster.</param>
    /// <returns>The scaled scenario.</returns>
    public RolloutHistoryScenario Faster(double factor) => this with { Deadline = Deadline / factor, PollInterval = PollInterval / factor, Soak = Soak / factor };

    /// <summary>The tenant the plan names (nothing is called: the activities are the scenario's).</summary>
    public static readonly Guid TenantId = new("8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b");

    /// <summary>Gets the scenario: three rings, 14-day deadlines, read every 15 minutes, devices passing after 13.5 days.</summary>
    public static RolloutHistoryScenario Enterprise { get; } = new(3, TimeSpan.FromDays(14), TimeSpan.FromMinutes(15), (int)(TimeSpan.FromDays(13.5) / TimeSpan.FromMinutes(15)));

    /// <summary>Gets the group id of ring <paramref name="number"/> (from 1).</summary>
    /// <param name="number">The ring's number.</param>
    /// <returns>Its only group.</returns>
    public static Guid GroupOf(int number) => new($"b7000000-0000-4000-8000-{number:D12}");

    /// <summary>Gets the plan document.</summary>
    /// <returns>The plan as JSON.</returns>
    public string PlanJson()
    {
        var rings = Enumerable.Range(1, Rings).Select(n => string.Create(CultureInfo.InvariantCulture, $$"""
            { "name": "ring{{n}}", "groupIds": ["{{GroupOf(n)}}"], "successThreshold": 0.95, "maxErrorShare": 0.05,
              "soak": "{{Soak:c}}", "verificationDeadline": "{{Deadline:c}}", "requireApproval": false }
            """));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "tenantId": "{{TenantId}}",
              "domains": ["corp.contoso.example"],
              "profileName": "CloudTrust WHfB cloud Kerberos trust",
              "pollInterval": "{{PollInterval:c}}",
              "rings": [{{string.Join(",", rings)}}]
            }
            """);
    }
}
