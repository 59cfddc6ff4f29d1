using CloudTrust.Core.Kerberos;
using CloudTrust.Cli.Simulated;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// <c>cloudtrust kerberos remove</c> with the real CLI process against the simulated tenant: a confirmation that does
/// not repeat the domain and an unfinished rollout relying on the object are refused and change nothing; after the
/// rollout is aborted the object is removed (password sign-in), and attended removal waits for the administrator's
/// command on the agent's host.
/// </summary>
[RunsLong(19)]
public sealed class KerberosRemoveTests
{
    [Fact]
    public async Task Removal_is_refused_while_a_rollout_relies_on_the_object_and_goes_ahead_once_it_is_aborted()
    {
        SimulatedRing[] rings = [SimulatedRing.DefaultFleet[0] with { Mix = new FleetMix { OldBuild = 0.3 } }, SimulatedRing.DefaultFleet[1]];
        await using var env = await TestTenant.StartAsync(devices: 200, rings: rings);
        var plan = env.WritePlan("plan.json", firstRingMaxErrorShare: 0.02);
        var start = await env.RunAsync(env.WithSettings("rollout", "start", plan));
        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        var id = await env.OnlyRolloutIdAsync();

        var unconfirmed = await env.RunAsync(env.WithSettings("kerberos", "remove", "contoso.com", "--confirm", "contoso.co", "--sign-in", "password"));
        var bad = await env.RunAsync(env.WithSettings("kerberos", "remove", "contoso com", "--sign-in", "sometimes", "--timeout-minutes", "0"));
        var refused = await env.RunAsync(env.WithSettings("kerberos", "remove", "contoso.com", "--confirm", "contoso.com", "--sign-in", "password"));

        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--confirm: must repeat the domain ('contoso.com')", unconfirmed.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--sign-in: must be attended or password", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("--timeout-minutes: must be 1 to 1440", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"rollout {id} relies on the Kerberos server object of contoso.com and has not finished: abort it first", refused.Stderr, StringComparison.Ordinal);
        var policy = Path.Combine(env.Tenant.Directory, "rotation.json");
        await File.WriteAllTextAsync(policy, """{ "schedule": "0 0 3 * * 0", "cloudSignInByDomain": { "contoso.com": "password" } }""");
        var before = await env.RunAsync(env.WithSettings("kerberos", "status", "--domain", "contoso.com", "--domain", "emea.contoso.com", "--policy", policy));
        Assert.Contains("contoso.com              healthy", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("UserAccount      CN=krbtgt_AzureAD,CN=Users,DC=contoso,DC=com (holds the key; disabled, as its userAccountControl says)", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("ComputerAccount  CN=AzureADKerberos,OU=Domain Controllers,DC=contoso,DC=com", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("in the cloud (updated", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("by the policy's schedule (password sign-in)", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("by the policy's schedule (attended sign-in)", before.Stdout, StringComparison.Ordinal);

        var abort = await env.RunAsync(env.WithSettings("rollout", "abort", id!));
        Assert.True(abort.ExitCode == 0, abort.Stdout + abort.Stderr);
        var removed = await env.RunAsync(env.WithSettings("kerberos", "remove", "contoso.com", "--confirm", "contoso.com", "--sign-in", "password"));
        var status = await env.RunAsync(env.WithSettings("kerberos", "status", "--domain", "contoso.com"));
        var again = await env.RunAsync(env.WithSettings("kerberos", "remove", "contoso.com", "--confirm", "contoso.com", "--sign-in", "password"));

        Assert.True(removed.ExitCode == 0, removed.Stdout + removed.Stderr);
        Assert.Contains("removed the Kerberos server object of contoso.com (both halves)", removed.Stdout, StringComparison.Ordinal);
        Assert.Contains("missing", status.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains(KerberosErrorCodes.ServerNotFound, again.Stderr, StringComparison.Ordinal);

        // Attended (the default): the command waits until an administrator runs the agent's command on its host.
        using var attended = env.Start(env.WithSettings("kerberos", "remove", "emea.contoso.com", "--confirm", "emea.contoso.com"));
        var requestId = await AttendedRequestLine.WaitForRequestIdAsync(attended);
        var (request, result) = await env.Tenant.AgentDispatcher.CompleteAttendedAsync(requestId, "admin@contoso.onmicrosoft.com", CancellationToken.None);
        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(AttendedStates.Completed, request!.State);
        var finished = await attended.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(finished.ExitCode == 0, finished.Stdout + finished.Stderr);
        Assert.Contains("removed the Kerberos server object of emea.contoso.com", finished.Stdout, StringComparison.Ordinal);
        env.AssertNoSecretLeaked(unconfirmed, refused, removed, finished);
    }
}
