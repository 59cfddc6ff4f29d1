using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Agent.Tests;

/// <summary>The preview's read-only Kerberos port through the real relay path to the agent's simulated AD.</summary>
public sealed class RelayKerberosServerReaderTests
{
    [Fact]
    public async Task Reading_reports_missing_unhealthy_and_healthy_objects_and_creates_nothing()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var reader = new RelayKerberosServerReader(env.CreateSender(), CloudSignInPolicy.PasswordEverywhere);
        var emea = SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == "emea.contoso.com");
        emea.Server = new SimulatedKerberosServer
        {
            Id = 9, KeyVersion = 31, KeyUpdatedOn = DateTimeOffset.UtcNow, KeyUpdatedFrom = "dc1.emea.contoso.com",
            CloudId = 9, CloudDomainDnsName = "emea.contoso.com", CloudKeyVersion = 27, CloudKeyUpdatedOn = DateTimeOffset.UtcNow.AddDays(-3),
        };
        env.Directory.AddDomain(emea);

        var missing = await reader.ReadAsync("contoso.com", Timeouts.Token);
        var stillMissing = await reader.ReadAsync("contoso.com", Timeouts.Token);
        var lagging = await reader.ReadAsync("emea.contoso.com", Timeouts.Token);
        var unknown = await reader.ReadAsync("fabrikam.com", Timeouts.Token);
        await new RelayKerberosServerPreflight(env.CreateSender(), CloudSignInPolicy.PasswordEverywhere).CheckAsync("contoso.com", Timeouts.Token);
        var created = await reader.ReadAsync("contoso.com", Timeouts.Token);

        Assert.Equal(KerberosServerState.Missing, missing.State);
        Assert.Equal(KerberosServerState.Missing, stillMissing.State);
        Assert.Equal(KerberosServerState.Unhealthy, lagging.State);
        Assert.Contains("KeyVersion (31) != CloudKeyVersion (27)", lagging.Detail, StringComparison.Ordinal);
        Assert.Equal(KerberosServerState.Unhealthy, unknown.State);
        Assert.Contains(KerberosErrorCodes.DomainNotFound, unknown.Detail, StringComparison.Ordinal);
        Assert.Equal(KerberosServerState.Healthy, created.State);
        Assert.Equal(0, env.Directory.RotationsOf("emea.contoso.com"));

        await env.StopAgentAsync();
        var unreachable = await new RelayKerberosServerReader(env.CreateSender(maxAttempts: 1), CloudSignInPolicy.PasswordEverywhere).ReadAsync("contoso.com", Timeouts.Token);
        Assert.Equal(KerberosServerState.Unreadable, unreachable.State);
        Assert.Contains(KerberosErrorCodes.RelayUnavailable, unreachable.Detail, StringComparison.Ordinal);
    }
}
