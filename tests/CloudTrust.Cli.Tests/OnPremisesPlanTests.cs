using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// <c>cloudtrust plan</c> reads on-premises readiness through the relay and the agent: domain controllers per site
/// (a site without a writable Windows Server 2016+ DC blocks) and, per ring, the users the Kerberos server object's
/// Password Replication Policy denies (named, as a warning).
/// </summary>
public sealed class OnPremisesPlanTests
{
    [Fact]
    public async Task Plan_names_privileged_ring_users_and_blocks_on_a_site_without_a_serving_domain_controller()
    {
        await using var test = await TestTenant.StartAsync(devices: 100);
        var plan = test.WritePlan("plan.json");

        var ready = await test.RunAsync(test.WithSettings("plan", plan));

        Assert.True(ready.ExitCode == 0, ready.Stdout + ready.Stderr);
        Assert.Contains("contoso.com site Branch: ready, 1 of 3 DC(s) can serve cloud Kerberos trust", ready.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{SimulatedTenant.FirstFleetUser} in contoso.com: Domain Admins > Tier0 Operators", ready.Stdout, StringComparison.Ordinal);
        Assert.Contains("Warnings (1):", ready.Stdout, StringComparison.Ordinal);
        Assert.Contains("will not get cloud Kerberos tickets", ready.Stdout, StringComparison.Ordinal);

        // The Branch site loses its only serving DC: a read-only one and a 2012 R2 one remain.
        var contoso = SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == "contoso.com");
        contoso.Users.Add(SimulatedTenant.FirstFleetUser);
        contoso.Groups["Tier0 Operators"].Add(SimulatedTenant.FirstFleetUser);
        test.Tenant.ActiveDirectory.AddDomain(contoso);
        var blocked = await test.RunAsync(test.WithSettings("plan", plan, "--json"));
        var text = await test.RunAsync(test.WithSettings("plan", plan));

        Assert.Equal(3, blocked.ExitCode);
        Assert.Equal(3, text.ExitCode);
        Assert.Contains("contoso.com site 'Branch' has no writable domain controller on Windows Server 2016 or later: dc3.contoso.com (Windows Server 2012 R2 Standard, build 9600), rodc1.contoso.com (read-only, Windows Server 2016 Standard, build 14393)", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"onPremises\"", blocked.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"deniedGroups\"", blocked.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, test.Tenant.ActiveDirectory.RotationsOf("contoso.com"));
        test.AssertNoSecretLeaked(ready, blocked, text);
    }
}
