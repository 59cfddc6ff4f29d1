using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Core.Rotation;
using CloudTrust.Functions.Tests.Support;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// Attended cloud sign-in under the real Durable Task runtime: a rotation asked for over HTTP, for a tenant whose
/// cloud administrator must do MFA, waits (durable timers, polling the agent through the relay) until an administrator
/// completes each domain's request on the agent's host, then finishes with both halves agreeing.
/// </summary>
public sealed class AttendedRotationTests
{
    [Fact]
    public async Task An_attended_rotation_over_http_waits_for_the_administrator_then_rotates_every_domain()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { RotationPolicy = AttendedPolicy });
        harness.Tenant.ActiveDirectory.RequireMfa("hybrid-admin@contoso.onmicrosoft.com");

        var started = await harness.HttpAsync("RotateNow", "POST", "/api/rotations");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = JsonSerializer.Deserialize<InstanceAccepted>(started.Text, ApiJson.Options)!;
        await harness.WaitUntilAsync(accepted.Id, i => (i.SerializedCustomStatus ?? string.Empty).Split("waiting for an administrator to sign in on").Length - 1 == 2);
        var status = await harness.HttpAsync("GetRotation", "GET", $"/api/rotations/{accepted.Id}", route: new Dictionary<string, string> { ["id"] = accepted.Id });
        Assert.Contains("CloudTrust.Agent kerberos complete", status.Text, StringComparison.Ordinal);

        var waiting = await harness.Tenant.AgentDispatcher.WaitingAttendedAsync(CancellationToken.None);
        Assert.Equal(2, waiting.Count);
        foreach (var request in waiting)
        {
            var (_, result) = await harness.Tenant.AgentDispatcher.CompleteAttendedAsync(request.RequestId, "admin@contoso.onmicrosoft.com", CancellationToken.None);
            Assert.True(result.Succeeded, result.ErrorMessage);
        }

        var done = await harness.WaitUntilAsync(accepted.Id, i => i.IsCompleted);
        var report = done.ReadOutputAs<RotationReport>()!;
        Assert.Equal(2, report.Attempts.Count);
        Assert.All(report.Attempts, a => Assert.True(a.Outcome == RotationOutcome.Rotated, a.Reason));
        Assert.All(report.Attempts, a => Assert.Equal(a.NewKeyVersion, a.CloudKeyVersion));
    }

    private static string AttendedPolicy(IReadOnlyList<string> domains) => new JsonObject
    {
        ["schedule"] = "0 0 3 * * 0",
        ["maxKeyAgeDays"] = 30,
        ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]),
        ["convergenceDeadlineMinutes"] = 1,
        ["pollIntervalMinutes"] = 0.02,
        ["attendedTimeoutMinutes"] = 10,
    }.ToJsonString();
}
