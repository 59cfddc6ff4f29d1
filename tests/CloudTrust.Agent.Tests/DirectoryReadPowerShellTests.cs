using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The PowerShell backend's directory read (<see cref="KerberosOperations.ReadKerberosServerDirectory"/>): the script's
/// parameters and the parsing of its output in the shape the script writes (Windows PowerShell 5.1's ConvertTo-Json:
/// numbers as numbers or strings, dates as ISO 8601 or <c>/Date(ms)/</c>) for an object present with its user disabled
/// or enabled, an object linking to no user, an absent object, and an AD module failure.
/// </summary>
public sealed class DirectoryReadPowerShellTests
{
    private static readonly PowerShellOptions Options = new() { Executable = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", ScriptPath = @"C:\Agent\Scripts\KerberosServer.ps1" };

    private static KerberosOperationResult Parse(string fixture, string domain = "contoso.com")
        => PowerShellOutputParser.Parse(
            KerberosOperationRequest.ReadKerberosServerDirectory(domain),
            fixture.Contains("no-adws", StringComparison.Ordinal) ? 1 : 0,
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PowerShell", fixture)),
            string.Empty);

    [Fact]
    public void A_present_object_with_its_user_disabled_reads_as_sound_with_the_cloud_half_not_read()
    {
        var result = Parse("directory-disabled.stdout.txt");

        Assert.True(result.Succeeded);
        var directory = Assert.IsType<KerberosDirectoryObject>(result.Directory);
        Assert.Equal("CN=AzureADKerberos,OU=Domain Controllers,DC=contoso,DC=com", directory.ComputerAccount);
        Assert.Equal("CN=krbtgt_AzureAD,CN=Users,DC=contoso,DC=com", directory.UserAccount);
        Assert.Equal(53325, directory.KeyVersion);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), directory.KeyUpdatedOn);
        Assert.Equal(514, directory.UserAccountControl);
        Assert.True(directory.UserAccountDisabled);
        Assert.Empty(directory.Problems);
        Assert.Null(result.Server);
        var reading = KerberosServerReading.OfDirectory("contoso.com", directory);
        Assert.Equal(KerberosServerState.CloudNotRead, reading.State);
        Assert.Contains("krbtgt_AzureAD disabled", reading.Detail, StringComparison.Ordinal);
        Assert.EndsWith("cloud half not read (needs an administrator's sign-in)", reading.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enabled_user_is_read_from_user_account_control_not_assumed_disabled()
    {
        var result = Parse("directory-enabled.stdout.txt");

        var directory = Assert.IsType<KerberosDirectoryObject>(result.Directory);
        Assert.Equal(53325, directory.KeyVersion); // a number written as a string
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), directory.KeyUpdatedOn); // 5.1's /Date(ms)/
        Assert.False(directory.UserAccountDisabled);
        var reading = KerberosServerReading.OfDirectory("contoso.com", directory);
        Assert.Equal(KerberosServerState.Unhealthy, reading.State);
        Assert.Contains("CN=krbtgt_AzureAD,CN=Users,DC=contoso,DC=com is enabled (userAccountControl 512)", reading.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absent_object_is_an_answer_and_its_reading_says_who_creates_it()
    {
        var result = Parse("directory-absent.stdout.txt");

        Assert.True(result.Succeeded);
        var directory = Assert.IsType<KerberosDirectoryObject>(result.Directory);
        Assert.False(directory.Exists);
        Assert.Null(directory.UserAccountDisabled);
        var reading = KerberosServerReading.OfDirectory("contoso.com", directory);
        Assert.Equal(KerberosServerState.Unhealthy, reading.State);
        Assert.Contains("the directory has no AzureADKerberos computer object", reading.Detail, StringComparison.Ordinal);
        Assert.Contains("Set-AzureADKerberosServer -Domain contoso.com -UserPrincipalName", reading.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_that_links_to_no_user_is_unhealthy_and_names_the_link()
    {
        var directory = Assert.IsType<KerberosDirectoryObject>(Parse("directory-unlinked.stdout.txt", "emea.contoso.com").Directory);

        Assert.True(directory.Exists);
        Assert.Null(directory.UserAccount);
        Assert.Equal(["CN=AzureADKerberos,OU=Domain Controllers,DC=emea,DC=contoso,DC=com links to no krbtgt_AzureAD user (msDS-KrbTgtLink)"], directory.Problems);
    }

    [Fact]
    public void An_active_directory_module_failure_is_a_failure_with_its_first_line()
    {
        var result = Parse("directory-no-adws.stdout.txt");

        Assert.False(result.Succeeded);
        Assert.Equal(KerberosErrorCodes.BackendFailed, result.ErrorCode);
        Assert.Contains("Unable to find a default server with Active Directory Web Services running", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_serves_the_read_with_the_active_directory_module_only_and_no_credentials_go_to_it()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", "KerberosServer.ps1"));
        var request = KerberosOperationRequest.ReadKerberosServerDirectory("contoso.com");

        var start = PowerShellInvocation.Build(Options, request);
        var stdin = PowerShellInvocation.StandardInput(request, credentials: null);

        Assert.Contains("'ReadKerberosServerDirectory', 'EnsureKerberosServer'", script, StringComparison.Ordinal);
        Assert.Contains("if ($Operation -in @('ReadKerberosServerDirectory', 'CheckDomainPrerequisites', 'FindPrivilegedUsers'))", script, StringComparison.Ordinal);
        foreach (var attribute in new[] { "msDS-KrbTgtLink", "msDS-KeyVersionNumber", "pwdLastSet", "userAccountControl", "OU=Domain Controllers" })
        {
            Assert.Contains(attribute, script, StringComparison.Ordinal);
        }

        Assert.Equal(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", Options.ScriptPath, "-Operation", "ReadKerberosServerDirectory", "-Domain", "contoso.com"], start.ArgumentList);
        Assert.Contains("\"cloudPassword\":null", stdin, StringComparison.Ordinal);
        Assert.Contains("\"domainPassword\":null", stdin, StringComparison.Ordinal);
        Assert.DoesNotContain(KerberosOperations.ReadKerberosServerDirectory, KerberosOperations.SignsIn);
    }

    [Theory]
    [InlineData(null, "$.domain")]
    [InlineData("contoso.com; Remove-ADUser x", "$.domain")]
    public void The_read_is_validated_like_the_other_domain_operations(string? domain, string path)
    {
        var errors = KerberosOperationValidator.Validate(new KerberosOperationRequest { Operation = KerberosOperations.ReadKerberosServerDirectory, Domain = domain });

        Assert.Equal(path, Assert.Single(errors).Path);
        Assert.Empty(KerberosOperationValidator.Validate(KerberosOperationRequest.ReadKerberosServerDirectory("emea.contoso.com")));
    }
}
