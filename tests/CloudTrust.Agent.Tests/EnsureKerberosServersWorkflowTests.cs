using CloudTrust.Core.Rotation;
using System.Text;
using System.Text.Json;
using CloudTrust.Core.Kerberos;
using CloudTrust.Engine;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Agent.Tests;

/// <summary>EnsureKerberosServers through the real WorkflowEngine, its activity crossing the real relay path.</summary>
public sealed class EnsureKerberosServersWorkflowTests
{
    [Fact]
    public async Task Every_domain_gets_its_own_outcome_and_no_secret_reaches_logs_journal_or_results()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        var registry = new WorkflowRegistry()
            .AddWorkflow<EnsureKerberosServersInput, EnsureKerberosServersOutput>(EnsureKerberosServersWorkflow.Name, new EnsureKerberosServersWorkflow())
            .AddActivity<KerberosDomainInput, DomainKerberosOutcome>(EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName, new EnsureKerberosServerActivity(sender));
        var journal = Path.Combine(env.StateDirectory, "engine.db");
        string outputJson;
        EnsureKerberosServersOutput output;
        await using (var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = journal }, TimeProvider.System, env.Loggers))
        {
            var id = await engine.StartAsync(
                EnsureKerberosServersWorkflow.Name,
                new EnsureKerberosServersInput(["contoso.com", "emea.contoso.com", "missing.example.com", "contoso.com; Remove-ADUser x"]));
            var instance = await engine.WaitForCompletionAsync(id, Timeouts.Token);

            Assert.Equal(WorkflowStatus.Completed, instance.Status);
            outputJson = instance.Output!;
            output = instance.ReadOutputAs<EnsureKerberosServersOutput>()!;
        }

        var byDomain = output.Domains.ToDictionary(d => d.Domain);
        Assert.Equal(4, output.Domains.Count);
        Assert.True(byDomain["contoso.com"].IsHealthy);
        Assert.True(byDomain["contoso.com"].Changed);
        Assert.True(byDomain["emea.contoso.com"].IsHealthy);
        Assert.Equal(KerberosErrorCodes.DomainNotFound, byDomain["missing.example.com"].ErrorCode);
        Assert.Equal(KerberosErrorCodes.InvalidRequest, byDomain["contoso.com; remove-aduser x"].ErrorCode);
        Assert.Equal(2, output.HealthyCount);
        Assert.Equal(3, env.Directory.OperationsRun);

        // The canary: every secret the run used was planted in Key Vault with it; none may be anywhere else.
        var journalText = string.Concat(Directory.GetFiles(env.StateDirectory, "engine.db*").Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains("contoso.com", journalText, StringComparison.Ordinal);
        var everything = env.EverythingLogged() + outputJson + journalText + JsonSerializer.Serialize(output);
        Assert.NotEmpty(env.Logs.Lines);
        foreach (var secret in env.SecretForms())
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}

public sealed class EnsureKerberosServersUnreachableAgentTests
{
    [Fact]
    public async Task An_unreachable_agent_is_reported_per_domain_as_retryable_and_the_workflow_completes()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        await env.StopAgentAsync();
        var registry = new WorkflowRegistry()
            .AddWorkflow<EnsureKerberosServersInput, EnsureKerberosServersOutput>(EnsureKerberosServersWorkflow.Name, new EnsureKerberosServersWorkflow())
            .AddActivity<KerberosDomainInput, DomainKerberosOutcome>(EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName, new EnsureKerberosServerActivity(env.CreateSender(maxAttempts: 1)));
        await using var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = Path.Combine(env.StateDirectory, "engine.db") }, TimeProvider.System, env.Loggers);

        var id = await engine.StartAsync(EnsureKerberosServersWorkflow.Name, new EnsureKerberosServersInput(["contoso.com"]));
        var instance = await engine.WaitForCompletionAsync(id, Timeouts.Token);

        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        var outcome = Assert.Single(instance.ReadOutputAs<EnsureKerberosServersOutput>()!.Domains);
        Assert.False(outcome.Succeeded);
        Assert.True(outcome.Retryable);
        Assert.Equal(KerberosErrorCodes.RelayUnavailable, outcome.ErrorCode);
        Assert.Equal(0, env.Directory.OperationsRun);
    }
}

public sealed class RotateKerberosServerKeyActivityTests
{
    [Fact]
    public async Task A_workflow_that_runs_the_same_rotation_twice_rotates_once()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);
        var registry = new WorkflowRegistry()
            .AddWorkflow<string, KerberosServerObject[]>("RotateTwice", async (context, domain) =>
            {
                var input = new KerberosDomainRequest(domain, context.NewGuid());
                var first = await context.CallActivityAsync<KerberosServerObject>(RotationActivities.RotateKerberosServerKey, input);
                var second = await context.CallActivityAsync<KerberosServerObject>(RotationActivities.RotateKerberosServerKey, input);
                return [first, second];
            })
            .AddActivity<KerberosDomainRequest, KerberosServerObject>(RotationActivities.RotateKerberosServerKey, new RotateKerberosServerKeyActivity(sender));
        await using var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = Path.Combine(env.StateDirectory, "rotate.db") }, TimeProvider.System, env.Loggers);

        var id = await engine.StartAsync("RotateTwice", "contoso.com");
        var outcomes = (await engine.WaitForCompletionAsync(id, Timeouts.Token)).ReadOutputAs<KerberosServerObject[]>()!;

        Assert.NotNull(outcomes[0].KeyVersion);
        Assert.Equal(outcomes[0].KeyVersion, outcomes[1].KeyVersion);
        Assert.Equal(1, env.Directory.RotationsOf("contoso.com"));
    }
}
