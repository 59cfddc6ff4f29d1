using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Agent.Tests;

/// <summary>The rollout preflight's Kerberos port through the real relay path to the agent's simulated AD.</summary>
public sealed class RelayKerberosServerPreflightTests
{
    [Fact]
    public async Task Preflight_creates_a_missing_object_passes_a_healthy_one_and_names_what_is_wrong_otherwise()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var preflight = new RelayKerberosServerPreflight(env.CreateSender(), CloudSignInPolicy.PasswordEverywhere);
        var emea = SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == "emea.contoso.com");
        emea.Server = new SimulatedKerberosServer
        {
            Id = 9, KeyVersion = 31, KeyUpdatedOn = DateTimeOffset.UtcNow, KeyUpdatedFrom = "dc1.emea.contoso.com",
            CloudId = 9, CloudDomainDnsName = "emea.contoso.com", CloudKeyVersion = 27, CloudKeyUpdatedOn = DateTimeOffset.UtcNow.AddDays(-3),
        };
        env.Directory.AddDomain(emea);

        var created = await preflight.CheckAsync("contoso.com", Timeouts.Token);
        var again = await preflight.CheckAsync("contoso.com", Timeouts.Token);
        var lagging = await preflight.CheckAsync("emea.contoso.com", Timeouts.Token);
        var unknown = await preflight.CheckAsync("fabrikam.com", Timeouts.Token);
        var operationsBefore = env.Directory.OperationsRun;
        var hostile = await preflight.CheckAsync("contoso.com; Remove-ADUser x", Timeouts.Token);

        Assert.True(created.Healthy, created.Detail);
        Assert.True(again.Healthy, again.Detail);
        Assert.False(lagging.Healthy);
        Assert.Contains("KeyVersion (31) != CloudKeyVersion (27)", lagging.Detail, StringComparison.Ordinal);
        Assert.False(unknown.Healthy);
        Assert.Contains("DomainNotFound", unknown.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.False(hostile.Healthy);
        Assert.Equal(operationsBefore, env.Directory.OperationsRun);
    }
}
