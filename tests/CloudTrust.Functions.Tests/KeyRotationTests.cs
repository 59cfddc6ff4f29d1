using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Core.Rotation;
using CloudTrust.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// KeyRotation under the real Durable Task runtime, started the two ways Azure starts it: the timer function and
/// <c>POST /api/rotations</c>. Before the fix the orchestration failed on its first step reading its input
/// (<c>JsonException … Path: $.mode</c>).
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task The_timer_rotates_every_due_key_and_the_history_keeps_each_attempt()
    {
        await using var harness = await FunctionsHarness.StartAsync();
        var before = await KerberosAsync(harness);

        await harness.InvokeAsync("RotateOnSchedule", new TimerInfo());

        var id = await SingleRotationAsync(harness);
        var done = await harness.WaitUntilAsync(id, i => i.IsCompleted);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var report = done.ReadOutputAs<RotationReport>()!;
        Assert.Equal(RotationMode.Due, report.Mode);
        Assert.Equal(before.Count, report.Attempts.Count);
        Assert.All(report.Attempts, a => Assert.Equal(RotationOutcome.Rotated, a.Outcome));

        var after = await KerberosAsync(harness);
        foreach (var domain in before)
        {
            var now = after.Single(a => a.Domain == domain.Domain);
            Assert.True(now.KeyVersion > domain.KeyVersion, $"{domain.Domain}: {domain.KeyVersion} → {now.KeyVersion}");
            Assert.Equal(now.KeyVersion, now.CloudKeyVersion);
        }

        var history = await harness.Worker.Services.GetRequiredService<IRotationHistory>().ListAsync(null, null, CancellationToken.None);
        Assert.Equal(before.Select(b => b.Domain).Order(), history.Where(h => h.RunId == id).Select(h => h.Domain).Order());
        Assert.All(history, h => Assert.Equal("timer", h.TriggeredBy));
    }

    [Fact]
    public async Task A_rotation_asked_for_over_HTTP_waits_for_its_approval_then_rotates_and_converges()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { RotationPolicy = domains => Policy(domains, requireApproval: true), AppServiceAuthentication = true });
        var before = await KerberosAsync(harness);

        var started = await harness.HttpAsync("RotateNow", "POST", "/api/rotations");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = JsonSerializer.Deserialize<InstanceAccepted>(started.Text, ApiJson.Options)!;
        Assert.Equal($"https://cloudtrust-test.azurewebsites.net/api/rotations/{accepted.Id}", accepted.StatusUri.ToString());
        Assert.DoesNotContain("code=", started.Text, StringComparison.Ordinal);

        await harness.WaitUntilAsync(accepted.Id, i => RotationView(i).AwaitsApproval);
        var status = await harness.HttpAsync("GetRotation", "GET", $"/api/rotations/{accepted.Id}", route: new Dictionary<string, string> { ["id"] = accepted.Id });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("awaiting approval", status.Text, StringComparison.Ordinal);

        // App Service Authentication is on: an approval with only a function key does not say who gave it.
        var unsigned = await harness.HttpAsync("AnswerRotation", "POST", $"/api/rotations/{accepted.Id}/approve", route: new Dictionary<string, string> { ["id"] = accepted.Id, ["action"] = "approve" });
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("sign in with Microsoft Entra ID", unsigned.Text, StringComparison.Ordinal);
        Assert.True(RotationView((await harness.Client.GetInstanceAsync(accepted.Id, true))!).AwaitsApproval);

        var approved = await harness.HttpAsync("AnswerRotation", "POST", $"/api/rotations/{accepted.Id}/approve", route: new Dictionary<string, string> { ["id"] = accepted.Id, ["action"] = "approve" }, headers: [new("X-MS-CLIENT-PRINCIPAL-NAME", "kerberos-admin@contoso.example")]);
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);

        var done = await harness.WaitUntilAsync(accepted.Id, i => i.IsCompleted);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var report = done.ReadOutputAs<RotationReport>()!;
        Assert.Equal(RotationMode.Now, report.Mode);
        Assert.All(report.Attempts, a => Assert.Equal(RotationOutcome.Rotated, a.Outcome));
        var after = await KerberosAsync(harness);
        Assert.All(after, a => Assert.True(a.KeyVersion > before.Single(b => b.Domain == a.Domain).KeyVersion && a.KeyVersion == a.CloudKeyVersion));

        var again = await harness.HttpAsync("AnswerRotation", "POST", $"/api/rotations/{accepted.Id}/approve", route: new Dictionary<string, string> { ["id"] = accepted.Id, ["action"] = "approve" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var final = await harness.HttpAsync("GetRotation", "GET", $"/api/rotations/{accepted.Id}", route: new Dictionary<string, string> { ["id"] = accepted.Id });
        Assert.Equal(before.Count, JsonNode.Parse(final.Text)!["report"]!["attempts"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_declined_rotation_changes_no_key_and_says_who_declined()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { RotationPolicy = domains => Policy(domains, requireApproval: true) });
        var before = await KerberosAsync(harness);
        var accepted = JsonSerializer.Deserialize<InstanceAccepted>((await harness.HttpAsync("RotateNow", "POST", "/api/rotations")).Text, ApiJson.Options)!;
        await harness.WaitUntilAsync(accepted.Id, i => RotationView(i).AwaitsApproval);

        // App Service Authentication is off: a principal header is whatever the caller wrote, so it is not believed.
        await harness.HttpAsync("AnswerRotation", "POST", $"/api/rotations/{accepted.Id}/decline", route: new Dictionary<string, string> { ["id"] = accepted.Id, ["action"] = "decline" }, headers: [new("X-MS-CLIENT-PRINCIPAL-NAME", "forged@contoso.example")]);

        var report = (await harness.WaitUntilAsync(accepted.Id, i => i.IsCompleted)).ReadOutputAs<RotationReport>()!;
        Assert.All(report.Attempts, a =>
        {
            Assert.Equal(RotationOutcome.Skipped, a.Outcome);
            Assert.Equal("rotation was declined by function key", a.Reason);
        });
        Assert.Equal(before.Select(b => b.KeyVersion), (await KerberosAsync(harness)).Select(a => a.KeyVersion));
    }

    [Theory]
    [InlineData("rotation-x", "rotate", HttpStatusCode.BadRequest)]
    [InlineData("rotation x", "approve", HttpStatusCode.BadRequest)]
    [InlineData("rotation-none", "approve", HttpStatusCode.NotFound)]
    [InlineData("rollout-abc", "approve", HttpStatusCode.NotFound)]
    public async Task A_bad_rotation_answer_is_a_problem_and_raises_nothing(string id, string action, HttpStatusCode expected)
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 10 });
        var answer = await harness.HttpAsync("AnswerRotation", "POST", $"/api/rotations/{id}/{action}", route: new Dictionary<string, string> { ["id"] = id, ["action"] = action });
        Assert.Equal(expected, answer.StatusCode);
        Assert.StartsWith(ApiProblem.ContentType, answer.Headers.GetValues("Content-Type").Single(), StringComparison.Ordinal);
        Assert.Empty(await harness.Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
    }

    internal static string Policy(IReadOnlyList<string> domains, bool requireApproval) => new JsonObject
    {
        ["schedule"] = "0 0 3 * * 0",
        ["maxKeyAgeDays"] = 30,
        ["cloudSignIn"] = "password",
        ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]),
        ["requireApproval"] = requireApproval,
        ["convergenceDeadlineMinutes"] = 1,
        ["pollIntervalMinutes"] = 0.02,
    }.ToJsonString();

    private static RotationStatusView RotationView(OrchestrationMetadata i)
        => RotationStatusView.From(i.InstanceId, i.RuntimeStatus.ToString(), i.CreatedAt, i.LastUpdatedAt, i.SerializedCustomStatus, i.SerializedOutput);

    private static async Task<IReadOnlyList<KerberosHealthView>> KerberosAsync(FunctionsHarness harness)
    {
        var answer = await harness.HttpAsync("KerberosHealth", "GET", "/api/kerberos");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var rows = JsonSerializer.Deserialize<List<KerberosHealthView>>(answer.Text, ApiJson.Options)!;
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.Healthy, string.Join("; ", r.Problems)));
        return rows;
    }

    private static async Task<string> SingleRotationAsync(FunctionsHarness harness)
    {
        var instances = await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "rotation-" }).ToListAsync();
        return Assert.Single(instances).InstanceId;
    }
}
