using System.Text.Json.Nodes;
using CloudTrust.Core.Rotation;
using CloudTrust.Functions.Tests.Support;
using CloudTrust.Integrations.KeyVault;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// The secrets the host uses (the relay Send key and the agent's request-signing key from Key Vault, the function key
/// of the caller) never reach what Durable stores in plain storage (inputs, outputs, custom status) nor an HTTP answer.
/// </summary>
public sealed class SecretCanaryTests
{
    [Fact]
    public async Task No_secret_reaches_an_instance_or_an_answer_after_a_rollout_and_a_rotation()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 60 });
        var vault = harness.Worker.Services.GetRequiredService<KeyVaultSecretCache>();
        string[] canaries =
        [
            (await vault.GetAsync("relay-send-key", CancellationToken.None)).Reveal(),
            (await vault.GetAsync("agent-request-signing-key", CancellationToken.None)).Reveal(),
            "function-key-canary",
        ];
        var answers = new List<string>();

        var body = new JsonObject { ["requestId"] = "canary", ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();
        answers.Add((await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body)).Text);
        await RolloutEndpointTests.PhaseAsync(harness, "rollout-canary", "awaitingApproval");
        answers.Add((await RolloutEndpointTests.AnswerAsync(harness, "rollout-canary", "abort")).Text);
        await harness.WaitUntilAsync("rollout-canary", i => i.IsCompleted);
        answers.Add((await harness.HttpAsync("RotateNow", "POST", "/api/rotations")).Text);
        var rotation = (await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "rotation-" }).ToListAsync()).Single().InstanceId;
        Assert.Equal(RotationOutcome.Rotated, (await harness.WaitUntilAsync(rotation, i => i.IsCompleted)).ReadOutputAs<RotationReport>()!.Attempts[0].Outcome);
        answers.Add((await harness.HttpAsync("GetRotation", "GET", $"/api/rotations/{rotation}", route: new Dictionary<string, string> { ["id"] = rotation })).Text);
        answers.Add((await harness.HttpAsync("GetRollout", "GET", "/api/rollouts/rollout-canary", route: new Dictionary<string, string> { ["id"] = "rollout-canary" })).Text);
        answers.Add((await harness.HttpAsync("ListRollouts", "GET", "/api/rollouts")).Text);
        answers.Add((await harness.HttpAsync("KerberosHealth", "GET", "/api/kerberos")).Text);

        var stored = (await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).ToListAsync())
            .SelectMany(i => new[] { i.SerializedInput, i.SerializedOutput, i.SerializedCustomStatus })
            .Where(s => s is not null)
            .ToList();
        Assert.Equal(2, (await harness.RolloutsAndRunsAsync()).Count);
        Assert.True(stored.Count >= 2 * 3, $"{stored.Count} payloads read");
        foreach (var canary in canaries)
        {
            Assert.True(canary.Length >= 16 || canary == "function-key-canary");
            Assert.All(stored, s => Assert.DoesNotContain(canary, s, StringComparison.Ordinal));
            Assert.All(answers, a => Assert.DoesNotContain(canary, a, StringComparison.Ordinal));
        }

        Assert.All(answers, a => Assert.DoesNotContain("code=", a, StringComparison.Ordinal));
    }
}
