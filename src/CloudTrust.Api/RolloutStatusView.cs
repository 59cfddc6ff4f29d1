using System.Text.Json;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Api;

/// <summary>What <c>GET /api/rollouts/{id}</c> answers: where the rollout is, its ring counts and gate verdict, and its report when done.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="RuntimeStatus">The host's status (Running, Completed, …).</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="Phase">The rollout's phase.</param>
/// <param name="Ring">The current ring.</param>
/// <param name="RingNumber">The current ring, from 1.</param>
/// <param name="RingCount">How many rings.</param>
/// <param name="Counts">The ring's counts.</param>
/// <param name="Verdict">The last gate verdict.</param>
/// <param name="Reasons">The gate's reasons.</param>
/// <param name="WaitingFor">The answers it waits for.</param>
/// <param name="Report">The final report, once completed.</param>
/// <param name="History">The rings reached, in order, with their counts and gate verdicts (from the report, once completed).</param>
/// <param name="ReasonCount">How many reasons there are in all: <paramref name="Reasons"/> names at most the first 20 (a custom status is capped at 16 KB).</param>
/// <param name="MoreReasons">How many reasons <paramref name="Reasons"/> leaves out.</param>
/// <param name="NextAction">The change that unblocks a ring its ticket evidence holds, when it does (<see cref="TicketNextAction"/>).</param>
/// <param name="Tickets">The current ring's ticket probe counts, when it gates on tickets.</param>
/// <param name="TicketCauses">The current ring's causes of devices without tickets, with counts and the admin's actions.</param>
/// <param name="OnPremises">What preflight read on-premises (domain controllers per site, privileged ring users) and whether each blocks or warns.</param>
public sealed record RolloutStatusView(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string Phase,
    string? Ring,
    int RingNumber,
    int RingCount,
    RingCounts? Counts,
    GateVerdict? Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> WaitingFor,
    RolloutReport? Report,
    IReadOnlyList<RingHistoryEntry> History,
    int ReasonCount = 0,
    int MoreReasons = 0,
    string? NextAction = null,
    TicketCounts? Tickets = null,
    IReadOnlyList<TicketCauseCount>? TicketCauses = null,
    OnPremisesFindings? OnPremises = null)
{
    // Stored status and output are read strictly: a document that lacks a record's fields or holds null where the
    // record has none is not taken for a status or a report (the host's own writes always carry every field).
    private static readonly JsonSerializerOptions Strict = new(ApiJson.Options) { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };

    /// <summary>Builds the view from the host's instance metadata (custom status and output as serialized JSON).</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="runtimeStatus">The host's status name.</param>
    /// <param name="createdAt">Created.</param>
    /// <param name="lastUpdatedAt">Last updated.</param>
    /// <param name="customStatusJson">The serialized <see cref="RolloutStatus"/>, if any.</param>
    /// <param name="outputJson">The serialized <see cref="RolloutReport"/>, if any.</param>
    /// <param name="childCustomStatusJson">
    /// The serialized custom status of the child instance <see cref="RolloutChildInstances.ToRead"/> names for the
    /// rollout's status (a ring's verification or tracking, the final probe) while the rollout waits for it: it holds the
    /// current counts and reasons then; ignored otherwise.
    /// </param>
    /// <returns>The view.</returns>
    public static RolloutStatusView From(string id, string runtimeStatus, DateTimeOffset createdAt, DateTimeOffset lastUpdatedAt, string? customStatusJson, string? outputJson, string? childCustomStatusJson = null)
    {
        var own = Parse<RolloutStatus>(customStatusJson);
        var status = RolloutChildInstances.Current(own, Parse<RolloutStatus>(childCustomStatusJson));
        var report = Parse<RolloutReport>(outputJson);
        return new RolloutStatusView(
            id,
            runtimeStatus,
            createdAt,
            lastUpdatedAt,
            status?.Phase ?? "pending",
            status?.Ring,
            status?.RingNumber ?? 0,
            status?.RingCount ?? 0,
            status?.Counts,
            status?.Verdict,
            status?.Reasons ?? [],
            status?.WaitingFor ?? [],
            report,
            report?.Rings?.Select(RingHistoryEntry.From).ToList() ?? [],
            ReasonCount: Math.Max(status?.ReasonCount ?? 0, status?.Reasons?.Count ?? 0),
            MoreReasons: status?.MoreReasons ?? 0,
            NextAction: report is null ? TicketNextAction.For(status) : null,
            Tickets: status?.Tickets,
            TicketCauses: status?.TicketCauses,
            OnPremises: own?.OnPremises ?? report?.OnPremises);
    }

    /// <summary>Gets the view as the rollout's own status record (for checks such as what it waits for).</summary>
    /// <returns>The status.</returns>
    public RolloutStatus AsStatus() => new(Phase, Ring, RingNumber, RingCount, Counts, Verdict, Reasons, WaitingFor, ReasonCount, Tickets, TicketCauses, OnPremises);

    private static T? Parse<T>(string? json) where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Strict);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}
