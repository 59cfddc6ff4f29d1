using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// Reads for a tenant whose administrators must do MFA, through the real relay to the agent's simulated AD: the
/// module's read with the stored password fails there, so an attended domain's preview reader and rollout preflight
/// read the on-premises half from the directory instead (no module sign-in at all) and report the cloud half as not
/// read; a password domain still reads both halves.
/// </summary>
public sealed class AttendedReadTests
{
    private const string MfaAdmin = "hia@contoso.onmicrosoft.com";

    [Fact]
    public async Task An_mfa_tenants_attended_domains_are_read_from_the_directory_with_no_cloud_sign_in()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        Seed(env, "contoso.com");
        env.Directory.RequireMfa(MfaAdmin);
        var sender = env.CreateSender();

        var moduleRead = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), Timeouts.Token);
        var reading = await new RelayKerberosServerReader(sender).ReadAsync("contoso.com", Timeouts.Token);
        var preflight = await new RelayKerberosServerPreflight(sender, CloudSignInPolicy.AttendedEverywhere).CheckAsync("contoso.com", Timeouts.Token);
        var missing = await new RelayKerberosServerPreflight(sender).CheckAsync("emea.contoso.com", Timeouts.Token);
        var missingPreview = await new RelayKerberosServerReader(sender).ReadAsync("emea.contoso.com", Timeouts.Token);

        Assert.Equal(KerberosErrorCodes.CloudMfaRequired, moduleRead.Result?.ErrorCode);
        Assert.Equal(KerberosServerState.CloudNotRead, reading.State);
        Assert.Equal("on premises KeyVersion 12 (updated " + Updated.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "), krbtgt_AzureAD disabled, read from the directory; cloud half not read (needs an administrator's sign-in)", reading.Detail);
        Assert.True(preflight.Healthy, preflight.Detail);
        Assert.Contains("cloud half not read", preflight.Detail, StringComparison.Ordinal);
        Assert.False(missing.Healthy);
        Assert.Contains("nothing creates it unattended", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(KerberosServerState.Unhealthy, missingPreview.State);
        var emea = await new ReadKerberosServerDirectoryActivity(sender).RunAsync(new KerberosDomainRequest("emea.contoso.com"), Timeouts.Token);
        Assert.False(emea.Exists); // the attended preflight created nothing

        // Only the module read signed in (and failed); the directory reads used no credential at all.
        Assert.Single(env.Directory.SignIns);
        Assert.Equal(0, env.Directory.RotationsOf("contoso.com"));

        // The user's state is read, not assumed: enabled is unhealthy and blocks the preflight.
        env.Directory.SetUserAccountControl("contoso.com", 0x200);
        var enabled = await new RelayKerberosServerPreflight(sender).CheckAsync("contoso.com", Timeouts.Token);
        Assert.False(enabled.Healthy);
        Assert.Contains("CN=krbtgt_AzureAD,CN=Users,DC=contoso,DC=com is enabled (userAccountControl 512)", enabled.Detail, StringComparison.Ordinal);

        foreach (var text in new[] { reading.Detail, preflight.Detail, missing.Detail, enabled.Detail })
        {
            Assert.DoesNotContain(env.Canary, text, StringComparison.Ordinal);
        }

        env.AssertNoSecretLeaked("attended directory reads for an MFA tenant");
    }

    [Fact]
    public async Task A_password_domain_still_reads_both_halves_and_the_directory_read_agrees_with_it()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        Seed(env, "contoso.com");
        var sender = env.CreateSender();
        var policy = CloudSignInPolicy.AttendedEverywhere with { Domains = new Dictionary<string, CloudSignInMode> { ["contoso.com"] = CloudSignInMode.Password } };

        var reading = await new RelayKerberosServerReader(sender, policy).ReadAsync("contoso.com", Timeouts.Token);
        var preflight = await new RelayKerberosServerPreflight(sender, policy).CheckAsync("contoso.com", Timeouts.Token);
        var directory = await new ReadKerberosServerDirectoryActivity(sender).RunAsync(new KerberosDomainRequest("contoso.com"), Timeouts.Token);

        Assert.Equal(KerberosServerState.Healthy, reading.State);
        Assert.Equal("healthy: KeyVersion 12 on both halves", reading.Detail);
        Assert.True(preflight.Healthy, preflight.Detail);
        Assert.Equal(12, directory.KeyVersion);
        Assert.True(directory.UserAccountDisabled);
        Assert.Equal(2, env.Directory.SignIns.Count); // the module read twice (reader, preflight) with the stored password
        Assert.All(env.Directory.SignIns, s => Assert.False(s.Interactive));
        env.AssertNoSecretLeaked("password domain read");
    }

    internal static readonly DateTimeOffset Updated = new(2026, 6, 1, 3, 0, 0, TimeSpan.Zero);

    internal static void Seed(RelayTestEnvironment env, string domain)
    {
        var forest = SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == domain);
        forest.CloudLags = false;
        forest.Server = new SimulatedKerberosServer
        {
            Id = 7, KeyVersion = 12, KeyUpdatedOn = Updated, KeyUpdatedFrom = forest.DomainControllers[0].HostName,
            CloudId = 7, CloudDomainDnsName = domain, CloudKeyVersion = 12, CloudKeyUpdatedOn = Updated,
        };
        env.Directory.AddDomain(forest);
    }
}
