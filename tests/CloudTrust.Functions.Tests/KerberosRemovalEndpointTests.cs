using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Functions.Tests.Support;
using CloudTrust.Integrations.KeyVault;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// <c>POST /api/kerberos/removals</c> and <c>GET /api/kerberos/removals/{id}</c> under the real Durable Task runtime,
/// against the simulated tenant's relay and agent: a removal needs a signed-in principal and the domain named again,
/// is refused while a rollout relies on the domain's object, and by default waits for an administrator to complete it
/// on the agent's host. No secret reaches an answer or a stored payload.
/// </summary>
public sealed class KerberosRemovalEndpointTests
{
    private const string Admin = "kerberos-admin@contoso.example";

    [Fact]
    public async Task A_removal_without_a_principal_or_with_a_wrong_confirmation_is_refused_and_changes_nothing()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 30, AppServiceAuthentication = true });

        var unsigned = await RemoveAsync(harness, """{ "domain": "contoso.com", "confirm": "contoso.com" }""", principal: null);
        var wrong = await RemoveAsync(harness, """{ "domain": "contoso.com", "confirm": "emea.contoso.com" }""");
        var bad = await RemoveAsync(harness, """{ "domain": "-bad-", "signIn": "sms", "attendedTimeoutMinutes": 0, "force": true }""");
        var notJson = await RemoveAsync(harness, "contoso.com");

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("caller", Problem(unsigned).Errors.Single().Path);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("confirm", Problem(wrong).Errors.Single().Path);
        Assert.StartsWith("must repeat the domain ('contoso.com')", Problem(wrong).Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(["force", "domain", "signIn", "attendedTimeoutMinutes"], Problem(bad).Errors.Select(e => e.Path));
        Assert.Equal("body", Problem(notJson).Errors.Single().Path);
        Assert.All(new[] { unsigned, wrong, bad, notJson }, a => Assert.StartsWith(ApiProblem.ContentType, a.Headers.GetValues("Content-Type").Single(), StringComparison.Ordinal));
        Assert.Empty(await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = KerberosRemovalView.IdPrefix }).ToListAsync());
        Assert.True(await ObjectExistsAsync(harness, "contoso.com"));
    }

    [Fact]
    public async Task A_removal_is_refused_while_a_rollout_relies_on_the_domain_then_runs_after_its_abort()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 60, AppServiceAuthentication = true });
        var body = new JsonObject { ["requestId"] = "relies", ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();
        Assert.Equal(HttpStatusCode.Accepted, (await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body)).StatusCode);
        await RolloutEndpointTests.PhaseAsync(harness, "rollout-relies", "awaitingApproval");

        // The rollout read on-premises readiness in its preflight: the privileged fleet user is a warning, and it went on.
        var view = JsonNode.Parse((await harness.HttpAsync("GetRollout", "GET", "/api/rollouts/rollout-relies", route: new Dictionary<string, string> { ["id"] = "rollout-relies" })).Text)!;
        var onPremises = view["onPremises"]!;
        Assert.Equal("warn", onPremises["privilegedUsers"]!.GetValue<string>());
        Assert.Equal(0, onPremises["siteCount"]!.GetValue<int>());
        Assert.Contains(onPremises["privileged"]!.AsArray(), u => u!.GetValue<string>().StartsWith(SimulatedTenant.FirstFleetUser + " (ring pilot, contoso.com: Domain Admins > Tier0 Operators)", StringComparison.Ordinal));

        var refused = await RemoveAsync(harness, """{ "domain": "contoso.com", "confirm": "contoso.com", "signIn": "password" }""");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("rollout rollout-relies relies on the Kerberos server object of contoso.com", refused.Text, StringComparison.Ordinal);
        Assert.Contains("POST /api/rollouts/rollout-relies/abort", refused.Text, StringComparison.Ordinal);
        Assert.Empty(await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = KerberosRemovalView.IdPrefix }).ToListAsync());
        Assert.True(await ObjectExistsAsync(harness, "contoso.com"));

        Assert.Equal(HttpStatusCode.Accepted, (await RolloutEndpointTests.AnswerAsync(harness, "rollout-relies", "abort")).StatusCode);
        Assert.Equal(RolloutOutcome.Aborted, (await harness.WaitUntilAsync("rollout-relies", i => i.IsCompleted)).ReadOutputAs<RolloutReport>()!.Outcome);
        var started = await RemoveAsync(harness, """{ "domain": "contoso.com", "confirm": "contoso.com", "signIn": "password" }""");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = JsonSerializer.Deserialize<InstanceAccepted>(started.Text, ApiJson.Options)!;
        var done = await harness.WaitUntilAsync(accepted.Id, i => i.IsCompleted);
        var report = done.ReadOutputAs<KerberosRemovalReport>()!;
        Assert.True(report.Removed, report.Reason);
        Assert.Equal(Admin, report.RequestedBy);
        Assert.False(await ObjectExistsAsync(harness, "contoso.com"));
        Assert.True(await ObjectExistsAsync(harness, "emea.contoso.com"));
    }

    [Fact]
    public async Task An_attended_removal_waits_for_the_administrator_on_the_agent_host_and_no_secret_reaches_an_answer()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 30, AppServiceAuthentication = true });
        harness.Tenant.ActiveDirectory.RequireMfa("hybrid-admin@contoso.onmicrosoft.com");
        var vault = harness.Worker.Services.GetRequiredService<KeyVaultSecretCache>();
        string[] canaries =
        [
            (await vault.GetAsync("relay-send-key", CancellationToken.None)).Reveal(),
            (await vault.GetAsync("agent-request-signing-key", CancellationToken.None)).Reveal(),
            "function-key-canary",
        ];
        var answers = new List<string>();

        var started = await RemoveAsync(harness, """{ "domain": "emea.contoso.com.", "confirm": "EMEA.contoso.com" }""");
        answers.Add(started.Text);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = JsonSerializer.Deserialize<InstanceAccepted>(started.Text, ApiJson.Options)!;
        Assert.Equal($"https://cloudtrust-test.azurewebsites.net/api/kerberos/removals/{accepted.Id}", started.Headers.GetValues("Location").Single());
        await harness.WaitUntilAsync(accepted.Id, i => (i.SerializedCustomStatus ?? string.Empty).Contains("waiting for an administrator to sign in on", StringComparison.Ordinal));
        var waitingView = await GetAsync(harness, accepted.Id);
        answers.Add(waitingView.Text);
        Assert.Contains("CloudTrust.Agent kerberos complete", waitingView.Text, StringComparison.Ordinal);
        var again = await RemoveAsync(harness, """{ "domain": "emea.contoso.com", "confirm": "emea.contoso.com" }""");
        answers.Add(again.Text);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"removal {accepted.Id}", again.Text, StringComparison.Ordinal);
        Assert.True(await ObjectExistsAsync(harness, "emea.contoso.com"));

        // What 'CloudTrust.Agent kerberos complete <id> --upn …' runs on the agent's host.
        var request = Assert.Single(await harness.Tenant.AgentDispatcher.WaitingAttendedAsync(CancellationToken.None));
        Assert.Equal(KerberosOperations.RemoveKerberosServer, request.Operation);
        var (_, result) = await harness.Tenant.AgentDispatcher.CompleteAttendedAsync(request.RequestId, "admin@contoso.onmicrosoft.com", CancellationToken.None);
        Assert.True(result.Succeeded, result.ErrorMessage);

        var done = await harness.WaitUntilAsync(accepted.Id, i => i.IsCompleted);
        var report = done.ReadOutputAs<KerberosRemovalReport>()!;
        Assert.True(report.Removed, report.Reason);
        Assert.Equal("admin@contoso.onmicrosoft.com", report.RemovedBy);
        var doneView = await GetAsync(harness, accepted.Id);
        answers.Add(doneView.Text);
        Assert.Equal("Completed", JsonNode.Parse(doneView.Text)!["runtimeStatus"]!.GetValue<string>());
        Assert.False(await ObjectExistsAsync(harness, "emea.contoso.com"));
        Assert.True(await ObjectExistsAsync(harness, "contoso.com"));
        answers.Add((await GetAsync(harness, "kerberos-removal-unknown")).Text);

        var stored = (await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).ToListAsync())
            .SelectMany(i => new[] { i.SerializedInput, i.SerializedOutput, i.SerializedCustomStatus })
            .OfType<string>()
            .ToList();
        Assert.NotEmpty(stored);
        foreach (var canary in canaries)
        {
            Assert.All(stored, s => Assert.DoesNotContain(canary, s, StringComparison.Ordinal));
            Assert.All(answers, a => Assert.DoesNotContain(canary, a, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_attended_removal_nobody_completes_times_out_cleanly_and_changes_nothing()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 30, AppServiceAuthentication = true });

        var started = await RemoveAsync(harness, """{ "domain": "contoso.com", "confirm": "contoso.com", "attendedTimeoutMinutes": 1 }""");
        var accepted = JsonSerializer.Deserialize<InstanceAccepted>(started.Text, ApiJson.Options)!;
        var done = await harness.WaitUntilAsync(accepted.Id, i => i.IsCompleted, TimeSpan.FromMinutes(3));

        var report = done.ReadOutputAs<KerberosRemovalReport>()!;
        Assert.False(report.Removed);
        Assert.Equal(KerberosErrorCodes.AttendedTimeout, report.ErrorCode);
        Assert.Contains("no administrator signed in on", report.Reason, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", report.Reason, StringComparison.Ordinal);
        Assert.Empty(await harness.Tenant.AgentDispatcher.WaitingAttendedAsync(CancellationToken.None));
        Assert.True(await ObjectExistsAsync(harness, "contoso.com"));
        Assert.Contains("failed: no administrator signed in on", (await GetAsync(harness, accepted.Id)).Text, StringComparison.Ordinal);
    }

    private static Task<Runtime.TestHttpResponse> RemoveAsync(FunctionsHarness harness, string body, string? principal = Admin)
        => harness.HttpAsync("RemoveKerberosServerObject", "POST", "/api/kerberos/removals", body, headers: principal is null ? null : [new(Approver.PrincipalNameHeader, principal)]);

    private static Task<Runtime.TestHttpResponse> GetAsync(FunctionsHarness harness, string id)
        => harness.HttpAsync("GetKerberosRemoval", "GET", $"/api/kerberos/removals/{id}", route: new Dictionary<string, string> { ["id"] = id });

    private static ApiProblem Problem(Runtime.TestHttpResponse answer) => JsonSerializer.Deserialize<ApiProblem>(answer.Text, ApiJson.Options)!;

    private static async Task<bool> ObjectExistsAsync(FunctionsHarness harness, string domain)
        => (await harness.Tenant.ActiveDirectory.ExecuteAsync(KerberosOperationRequest.GetKerberosServer(domain), null, CancellationToken.None)).Succeeded;
}
