using System.Text.Json.Nodes;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// <c>cloudtrust kerberos create</c> with the real CLI process against the simulated tenant: in a tenant whose admins
/// must do MFA, the plan names the command for a missing object, and the attended create waits for the administrator's
/// command on the agent's host, after which the plan reads the object healthy on premises; password sign-in creates
/// directly; an existing object is left as it is (attended: no administrator is asked); bad input changes nothing; an
/// attended create nobody completes is withdrawn after its timeout (one real minute, hence RunsLong).
/// </summary>
[RunsLong(72)]
public sealed class KerberosCreateTests
{
    [Fact]
    public async Task Attended_create_of_a_missing_object_in_an_mfa_tenant_waits_for_the_administrator_and_the_plan_then_reads_it_healthy()
    {
        await using var env = await TestTenant.StartAsync(devices: 100);
        await RemoveObjectAsync(env, "contoso.com");
        env.Tenant.ActiveDirectory.RequireMfa("hybrid-admin@contoso.onmicrosoft.com");
        var settings = env.WriteAttendedSettings();
        var plan = env.WritePlan("plan-contoso.json", p => p["domains"] = new JsonArray("contoso.com"));

        var before = await env.RunAsync("plan", plan, "--settings", settings);
        Assert.NotEqual(0, before.ExitCode);
        Assert.Contains("the directory has no AzureADKerberos computer object", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("or run 'cloudtrust kerberos create contoso.com'", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("Set-AzureADKerberosServer -Domain contoso.com", before.Stdout, StringComparison.Ordinal);

        using var create = env.Start("kerberos", "create", "contoso.com", "--settings", settings);
        var requestId = await AttendedRequestLine.WaitForRequestIdAsync(create);
        var waiting = Assert.Single(await env.Tenant.AgentDispatcher.WaitingAttendedAsync(CancellationToken.None));
        Assert.Equal(KerberosOperations.EnsureKerberosServer, waiting.Operation);
        Assert.Equal("contoso.com", waiting.Domain);
        var (request, result) = await env.Tenant.AgentDispatcher.CompleteAttendedAsync(requestId, "admin@contoso.onmicrosoft.com", CancellationToken.None);
        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(AttendedStates.Completed, request!.State);
        var created = await create.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(created.ExitCode == 0, created.Stdout + created.Stderr);
        Assert.Contains("created the Kerberos server object of contoso.com (attended sign-in)", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("contoso.com              on-premises ok", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("ComputerAccount  CN=AzureADKerberos,OU=Domain Controllers,DC=contoso,DC=com", created.Stdout, StringComparison.Ordinal);

        // The administrator's run signed in interactively (MFA passes); nothing signed in with the stored password.
        Assert.Contains(env.Tenant.ActiveDirectory.SignIns, s => s.Interactive);
        var after = await env.RunAsync("plan", plan, "--settings", settings);
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
        Assert.Contains("contoso.com: on premises healthy, cloud half not read", after.Stdout, StringComparison.Ordinal);

        // Attended again: the directory read finds the object, so no administrator is asked and nothing changes.
        var again = await env.RunAsync("kerberos", "create", "contoso.com", "--settings", settings);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("contoso.com already has a Kerberos server object; it is left as it is", again.Stdout, StringComparison.Ordinal);
        Assert.Empty(await env.Tenant.AgentDispatcher.WaitingAttendedAsync(CancellationToken.None));
        env.AssertNoSecretLeaked(before, created, after, again);
    }

    [Fact]
    public async Task Password_create_makes_a_missing_object_leaves_an_existing_one_and_bad_input_sends_nothing()
    {
        await using var env = await TestTenant.StartAsync(devices: 100);
        await RemoveObjectAsync(env, "emea.contoso.com");
        var contosoKey = await KeyVersionAsync(env, "contoso.com");
        var operations = env.Tenant.ActiveDirectory.OperationsRun;

        var bad = await env.RunAsync(env.WithSettings("kerberos", "create", "emea contoso.com", "--sign-in", "password"));
        var badOptions = await env.RunAsync(env.WithSettings("kerberos", "create", "emea.contoso.com", "--sign-in", "sometimes", "--timeout-minutes", "0"));
        Assert.Equal(operations, env.Tenant.ActiveDirectory.OperationsRun);
        Assert.Empty(await env.Tenant.AgentDispatcher.WaitingAttendedAsync(CancellationToken.None));
        Assert.Equal(2, bad.ExitCode);
        var line = Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("<domain>:", line, StringComparison.Ordinal);
        Assert.Equal(2, badOptions.ExitCode);
        Assert.Contains("--sign-in: must be attended or password", badOptions.Stderr, StringComparison.Ordinal);
        Assert.Contains("--timeout-minutes: must be 1 to 1440", badOptions.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("at CloudTrust", bad.Stderr + badOptions.Stderr, StringComparison.Ordinal);

        var created = await env.RunAsync(env.WithSettings("kerberos", "create", "emea.contoso.com", "--sign-in", "password", "--json"));
        Assert.True(created.ExitCode == 0, created.Stdout + created.Stderr);
        var document = JsonNode.Parse(created.Stdout)!;
        Assert.Equal("Created", (string?)document["outcome"]);
        Assert.Equal("password", (string?)document["cloudSignIn"]);
        Assert.Equal("healthy", (string?)document["status"]!["state"]);
        Assert.True((bool)document["status"]!["healthy"]!);
        Assert.NotNull((long?)document["status"]!["keyVersion"]);
        Assert.Equal((long?)document["status"]!["keyVersion"], (long?)document["status"]!["cloudKeyVersion"]);

        var existing = await env.RunAsync(env.WithSettings("kerberos", "create", "contoso.com.", "--sign-in", "password"));
        Assert.True(existing.ExitCode == 0, existing.Stdout + existing.Stderr);
        Assert.Contains("contoso.com already has a Kerberos server object; it is left as it is", existing.Stdout, StringComparison.Ordinal);
        Assert.Contains("contoso.com              healthy", existing.Stdout, StringComparison.Ordinal);
        Assert.Equal(contosoKey, await KeyVersionAsync(env, "contoso.com"));
        Assert.Equal(0, env.Tenant.ActiveDirectory.RotationsOf("contoso.com"));

        env.AssertNoSecretLeaked(bad, badOptions, created, existing);
    }

    [Fact]
    public async Task An_attended_create_nobody_completes_is_withdrawn_after_its_timeout_and_changes_nothing()
    {
        await using var env = await TestTenant.StartAsync(devices: 100);
        await RemoveObjectAsync(env, "contoso.com");

        var timedOut = await CliProcess.RunAsync(env.WithSettings("kerberos", "create", "contoso.com", "--timeout-minutes", "1", "--json", "--db", env.Db), env.Environment, TimeSpan.FromSeconds(120));

        Assert.True(timedOut.ExitCode == 1, timedOut.Stdout + timedOut.Stderr);
        Assert.Contains("waiting for an administrator to sign in on " + Environment.MachineName, timedOut.Stderr, StringComparison.Ordinal);
        var document = JsonNode.Parse(timedOut.Stdout)!;
        Assert.Equal("Failed", (string?)document["outcome"]);
        Assert.Equal(KerberosErrorCodes.AttendedTimeout, (string?)document["errorCode"]);
        Assert.Contains("is withdrawn and nothing was changed", (string?)document["errorMessage"], StringComparison.Ordinal);
        Assert.Empty(await env.Tenant.AgentDispatcher.WaitingAttendedAsync(CancellationToken.None));
        var read = await env.Tenant.AgentDispatcher.ExecuteAsync(KerberosOperationRequest.ReadKerberosServerDirectory("contoso.com"), CancellationToken.None);
        Assert.False(read.Directory!.Exists);
        env.AssertNoSecretLeaked(timedOut);
    }

    /// <summary>Removes a domain's object straight through the agent (password sign-in, before any MFA is required).</summary>
    private static async Task RemoveObjectAsync(TestTenant env, string domain)
    {
        var removed = await env.Tenant.AgentDispatcher.ExecuteAsync(KerberosOperationRequest.RemoveKerberosServer(domain, confirm: true), CancellationToken.None);
        Assert.True(removed.Succeeded, removed.ErrorMessage);
        var read = await env.Tenant.AgentDispatcher.ExecuteAsync(KerberosOperationRequest.ReadKerberosServerDirectory(domain), CancellationToken.None);
        Assert.False(read.Directory!.Exists);
    }

    private static async Task<long?> KeyVersionAsync(TestTenant env, string domain)
        => (await env.Tenant.AgentDispatcher.ExecuteAsync(KerberosOperationRequest.ReadKerberosServerDirectory(domain), CancellationToken.None)).Directory!.KeyVersion;
}
