using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Tests;

public sealed class PowerShellBackendTests
{
    private static readonly PowerShellOptions Options = new() { Executable = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", ScriptPath = @"C:\Agent\Scripts\KerberosServer.ps1" };

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PowerShell", name));

    [Fact]
    public void Arguments_are_separate_elements_with_a_fixed_script()
    {
        var start = PowerShellInvocation.Build(Options, KerberosOperationRequest.RotateKerberosServerKey("emea.contoso.com", "op-1"));

        Assert.Equal(Options.Executable, start.FileName);
        Assert.Equal(
            ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", Options.ScriptPath, "-Operation", "RotateKerberosServerKey", "-Domain", "emea.contoso.com"],
            start.ArgumentList);
        Assert.Equal(string.Empty, start.Arguments);
        Assert.True(start.RedirectStandardInput);
        Assert.False(start.UseShellExecute);
    }

    [Fact]
    public void A_domain_that_is_not_a_dns_name_never_reaches_the_command_line()
        => Assert.Throws<ArgumentException>(() => PowerShellInvocation.Build(Options, KerberosOperationRequest.GetKerberosServer("contoso.com; Remove-ADUser x")));

    [Fact]
    public void Credentials_go_on_standard_input_not_the_command_line()
    {
        var credentials = new KerberosAdminCredentials { CloudUserName = "hia@contoso.onmicrosoft.com", CloudPassword = "cloud-pw-123", DomainUserName = "CONTOSO\\da", DomainPassword = "domain-pw-456" };
        var request = KerberosOperationRequest.EnsureKerberosServer("contoso.com");

        var start = PowerShellInvocation.Build(Options, request);
        var stdin = PowerShellInvocation.StandardInput(request, credentials);

        Assert.DoesNotContain(start.ArgumentList, a => a.Contains("pw-", StringComparison.Ordinal));
        Assert.Contains("cloud-pw-123", stdin, StringComparison.Ordinal);
        Assert.Contains("domain-pw-456", stdin, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_script_takes_only_operation_and_domain_and_validates_both()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", "KerberosServer.ps1"));

        Assert.Contains("[ValidateSet('GetKerberosServer'", script, StringComparison.Ordinal);
        Assert.Contains("[ValidatePattern(", script, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoke-Expression", script, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_healthy_object_parses_with_windows_powershell_dates_after_warning_lines()
    {
        var result = PowerShellOutputParser.Parse(KerberosOperationRequest.GetKerberosServer("contoso.com"), 0, Fixture("get-healthy.stdout.txt"), string.Empty);

        Assert.True(result.Succeeded);
        Assert.Equal(25025, result.Server!.Id);
        Assert.Equal(53325, result.Server.CloudKeyVersion);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), result.Server.KeyUpdatedOn);
        Assert.Equal(result.Server.KeyUpdatedOn, result.Server.CloudKeyUpdatedOn);
        Assert.True(result.Health!.IsHealthy);
    }

    [Fact]
    public void A_rotation_whose_cloud_half_lags_is_reported_unhealthy()
    {
        var result = PowerShellOutputParser.Parse(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "op"), 0, Fixture("rotate-cloud-lagging.stdout.txt"), string.Empty);

        Assert.True(result.Succeeded);
        Assert.True(result.Changed);
        Assert.Equal(53328, result.Server!.KeyVersion);
        Assert.False(result.Health!.IsHealthy);
    }

    [Fact]
    public void A_missing_object_is_server_not_found()
        => Assert.Equal(KerberosErrorCodes.ServerNotFound, PowerShellOutputParser.Parse(KerberosOperationRequest.GetKerberosServer("contoso.com"), 0, Fixture("get-missing.stdout.txt"), string.Empty).ErrorCode);

    [Theory]
    [InlineData("powershell7-platform.stdout.txt", KerberosErrorCodes.UnsupportedPowerShell)]
    [InlineData("child-domain-admin.stdout.txt", KerberosErrorCodes.WrongDomainAdmin)]
    [InlineData("access-denied.stdout.txt", KerberosErrorCodes.AccessDenied)]
    [InlineData("module-missing.stdout.txt", KerberosErrorCodes.ModuleMissing)]
    [InlineData("secrets-unreadable.stdout.txt", KerberosErrorCodes.DomainSecretsUnreadable)]
    public void Known_module_failures_map_to_clear_codes(string fixture, string code)
    {
        var result = PowerShellOutputParser.Parse(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), 1, Fixture(fixture), string.Empty);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.ErrorCode);
    }

    [Fact]
    public void No_json_output_classifies_standard_error()
    {
        var result = PowerShellOutputParser.Parse(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), 1, string.Empty, Fixture("pwsh7-crash.stderr.txt"));

        Assert.Equal(KerberosErrorCodes.UnsupportedPowerShell, result.ErrorCode);
    }

    [Fact]
    public void Domain_controllers_parse_into_a_prerequisite_verdict()
    {
        var result = PowerShellOutputParser.Parse(KerberosOperationRequest.CheckDomainPrerequisites("contoso.com"), 0, Fixture("controllers.stdout.txt"), string.Empty);

        Assert.False(result.Prerequisites!.IsReady);
        var branch = result.Prerequisites.Sites.Single(s => s.Site == "Branch");
        Assert.Equal(9600, branch.DomainControllers.Single(dc => dc.HostName == "DC9.contoso.com").OperatingSystemBuild);
        Assert.False(branch.DomainControllers.Single(dc => dc.HostName == "RODC1.contoso.com").IsWritable);
        Assert.True(result.Prerequisites.Sites.Single(s => s.Site == "HQ").IsReady);
    }

    [Fact]
    public void Privileged_users_parse_with_their_denied_groups()
    {
        var result = PowerShellOutputParser.Parse(KerberosOperationRequest.FindPrivilegedUsers("contoso.com", ["alice@contoso.com", "carol@contoso.com"]), 0, Fixture("users.stdout.txt"), string.Empty);

        Assert.Equal(["Domain Admins", "Administrators"], result.PrivilegedUsers![0].DeniedGroups);
        Assert.False(result.PrivilegedUsers[1].IsDenied);
    }
}
