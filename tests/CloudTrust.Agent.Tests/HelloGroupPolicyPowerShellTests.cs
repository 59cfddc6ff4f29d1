using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The PowerShell side of <c>ListHelloGroupPolicies</c>: the script's shape, and the parsing of recorded Windows
/// PowerShell 5.1 answers (single values that are not arrays, raw gPLink attributes, truncated computer lists).
/// </summary>
public sealed class HelloGroupPolicyPowerShellTests
{
    private static readonly Guid Pilot = Guid.Parse("a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601");
    private static readonly Guid Certificate = Guid.Parse("b4e2d3c5-6c7f-4081-9ba2-c3d4e5f6a702");
    private static readonly Guid UserOff = Guid.Parse("c5f3e4d6-7d80-4192-acb3-d4e5f6a7b803");

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PowerShell", name));

    private static KerberosOperationResult Parse(string fixture, int exitCode = 0)
        => PowerShellOutputParser.Parse(KerberosOperationRequest.ListHelloGroupPolicies("contoso.com"), exitCode, Fixture(fixture), string.Empty);

    [Fact]
    public void The_script_serves_the_operation_with_the_group_policy_module_on_both_keys()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", "KerberosServer.ps1"));

        Assert.Contains("'FindPrivilegedUsers', 'ListHelloGroupPolicies')]", script, StringComparison.Ordinal);
        Assert.Contains("Import-Module GroupPolicy", script, StringComparison.Ordinal);
        Assert.Contains(PassportForWorkPolicy.ComputerKey, script, StringComparison.Ordinal);
        Assert.Contains(PassportForWorkPolicy.UserKey, script, StringComparison.Ordinal);
        Assert.All(PassportForWorkPolicy.ValueNames, name => Assert.Contains($"'{name}'", script, StringComparison.Ordinal));
        Assert.Contains("-ResultSetSize ($maxComputers + 1)", script, StringComparison.Ordinal);
        Assert.Contains($"$maxComputers = {GroupPolicyLink.MaxComputers}", script, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoke-Expression", script, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Gpos_parse_with_values_per_side_and_status()
    {
        var result = Parse("hello-gpos.stdout.txt");

        Assert.True(result.Succeeded, result.ErrorMessage);
        var gpos = result.HelloGroupPolicies!;
        Assert.Equal(["Legacy certificate trust", "User WHfB off", "WHfB Cloud Trust - Pilot"], gpos.Select(g => g.DisplayName));
        var pilot = gpos.Single(g => g.Id == Pilot);
        Assert.Equal(new PassportForWorkValues(Enabled: true, UseCloudTrustForOnPremAuth: true, RequireSecurityDevice: true), pilot.Computer);
        Assert.False(pilot.User.SetsAnything);
        Assert.Equal(["Authenticated Users"], pilot.SecurityFiltering);
        var certificate = gpos.Single(g => g.Id == Certificate);
        Assert.True(certificate.ComputerSettingsEnabled);
        Assert.False(certificate.UserSettingsEnabled);
        Assert.True(certificate.Computer.UseCertificateForOnPremAuth);
        Assert.Equal(["WHfB Cert Devices"], certificate.SecurityFiltering);
        Assert.Equal(new PassportForWorkValues(Enabled: false), gpos.Single(g => g.Id == UserOff).User);
    }

    [Fact]
    public void Links_come_from_the_raw_gplink_with_their_flags_and_computers()
    {
        var gpos = Parse("hello-gpos.stdout.txt").HelloGroupPolicies!;

        var pilot = gpos.Single(g => g.Id == Pilot).Links;
        Assert.Equal(["OU=Pilot,DC=contoso,DC=com", "OU=Kiosks,DC=contoso,DC=com"], pilot.Select(l => l.Target));
        Assert.True(pilot[0].Enabled);
        Assert.False(pilot[0].Enforced);
        Assert.Equal(["PC01", "PC02"], pilot[0].Computers);
        Assert.False(pilot[1].Enabled);
        Assert.True(pilot[1].Enforced);
        Assert.Equal(["KIOSK01"], pilot[1].Computers);
        var certificateLink = Assert.Single(gpos.Single(g => g.Id == Certificate).Links);
        Assert.False(certificateLink.Enabled);
        var domainLink = Assert.Single(gpos.Single(g => g.Id == UserOff).Links);
        Assert.Equal("DC=contoso,DC=com", domainLink.Target);
        Assert.True(domainLink.Enforced);
        Assert.True(domainLink.ComputersTruncated);
    }

    [Fact]
    public void A_domain_without_whfb_gpos_is_an_empty_list_not_a_failure()
    {
        var result = Parse("hello-gpos-none.stdout.txt");

        Assert.True(result.Succeeded);
        Assert.Empty(result.HelloGroupPolicies!);
    }

    [Fact]
    public void A_missing_group_policy_module_is_module_missing_with_the_right_advice()
    {
        var result = Parse("gpo-module-missing.stdout.txt", exitCode: 1);

        Assert.Equal(KerberosErrorCodes.ModuleMissing, result.ErrorCode);
        Assert.Contains("Group Policy Management", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[LDAP://cn={A3F1C2D4-5B6E-4F70-8A91-B2C3D4E5F601},cn=policies,cn=system,DC=contoso,DC=com;0]", true, false)]
    [InlineData("[ldap://CN={a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601},CN=Policies,CN=System,DC=contoso,DC=com;1]", false, false)]
    [InlineData("[LDAP://cn={A3F1C2D4-5B6E-4F70-8A91-B2C3D4E5F601},cn=policies,cn=system,DC=contoso,DC=com;2]", true, true)]
    [InlineData("[LDAP://cn={A3F1C2D4-5B6E-4F70-8A91-B2C3D4E5F601},cn=policies,cn=system,DC=contoso,DC=com;3]", false, true)]
    public void Gplink_flags_decide_enabled_and_enforced(string attribute, bool enabled, bool enforced)
        => Assert.Equal((Pilot, enabled, enforced), Assert.Single(GpLinkAttribute.Parse(attribute)));

    [Fact]
    public void Malformed_gplink_entries_are_skipped()
        => Assert.Equal(
            [Certificate],
            GpLinkAttribute.Parse("[LDAP://cn={nope},cn=policies;0][LDAP://cn={B4E2D3C5-6C7F-4081-9BA2-C3D4E5F6A702},cn=policies,cn=system,DC=contoso,DC=com;0][garbage").Select(l => l.Id));

    [Fact]
    public async Task The_backend_lists_gpos_without_reading_the_admin_credentials()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in is a POSIX shell script; on Windows the real powershell.exe exists anyway
        }

        var directory = Path.Combine(Path.GetTempPath(), "cloudtrust-ps-gpo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var executable = Path.Combine(directory, "fake-powershell.sh");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fake-powershell.sh"), executable);
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PowerShell", "hello-gpos.stdout.txt"), Path.Combine(directory, "answer.json"));
            var backend = new PowerShellBackend(new PowerShellOptions { Executable = executable, ScriptPath = directory }, NullLogger<PowerShellBackend>.Instance);

            // The GPO listing runs as the agent's own account: no admin credentials reach it.
            var result = await backend.ExecuteAsync(KerberosOperationRequest.ListHelloGroupPolicies("contoso.com"), null, default);

            Assert.True(result.Succeeded, result.ErrorMessage);
            Assert.Equal(3, result.HelloGroupPolicies!.Count);
            Assert.Equal(["-Operation", "ListHelloGroupPolicies", "-Domain", "contoso.com"], File.ReadAllLines(Path.Combine(directory, "args.txt"))[6..]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
