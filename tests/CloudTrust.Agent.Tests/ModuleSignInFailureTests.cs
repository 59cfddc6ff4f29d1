using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The PowerShell backend's parsing of recorded script output for the cases issue 17 adds: sign-in failures that mean
/// MFA or Conditional Access, a child domain run with another domain's admin, the module where it cannot run, the
/// object's own Password Replication Policy; and the attended invocation.
/// </summary>
public sealed class ModuleSignInFailureTests
{
    private static readonly PowerShellOptions Options = new() { Executable = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", ScriptPath = @"C:\Agent\Scripts\KerberosServer.ps1" };

    private static KerberosOperationResult Parse(string fixture, KerberosOperationRequest? request = null)
        => PowerShellOutputParser.Parse(request ?? KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "op-1"), 1, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PowerShell", fixture)), string.Empty);

    [Theory]
    [InlineData("mfa-required.stdout.txt", "AADSTS50076")]
    [InlineData("mfa-registration-required.stdout.txt", "AADSTS50079")]
    [InlineData("external-challenge.stdout.txt", "AADSTS50158")]
    [InlineData("conditional-access-blocked.stdout.txt", "AADSTS53003")]
    [InlineData("strong-auth-failed.stdout.txt", "AADSTS500121")]
    [InlineData("interaction-required.stdout.txt", null)]
    public void Sign_in_failures_that_mean_mfa_or_conditional_access_are_one_error_with_the_fix(string fixture, string? code)
    {
        var result = Parse(fixture);

        Assert.False(result.Succeeded);
        Assert.Equal(KerberosErrorCodes.CloudMfaRequired, result.ErrorCode);
        Assert.Contains("cloudSignIn to \"attended\"", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", result.ErrorMessage, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.StartsWith(code + ":", result.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_aadsts_code_that_only_starts_like_an_mfa_code_is_not_taken_for_one()
    {
        var (code, _) = PowerShellFailures.Classify("AADSTS500761: something else entirely", null);

        Assert.Equal(KerberosErrorCodes.BackendFailed, code);
    }

    [Fact]
    public void The_child_domain_error_as_admins_report_it_says_a_child_domain_needs_its_own_admin()
    {
        var result = Parse("child-domain-secondary-krbtgt.stdout.txt");

        Assert.Equal(KerberosErrorCodes.WrongDomainAdmin, result.ErrorCode);
        Assert.Contains("a child domain needs a Domain Admin of its own", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_supported_on_this_platform_under_windows_powershell_names_the_entra_connect_server()
    {
        var result = Parse("platform-domain-sync-config.stdout.txt");

        Assert.Equal(KerberosErrorCodes.UnsupportedPowerShell, result.ErrorCode);
        Assert.Contains("Microsoft Entra Connect server", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Windows PowerShell 5.1", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Privileged_users_come_with_the_policy_read_from_the_object()
    {
        var result = Parse("users-object-policy.stdout.txt", KerberosOperationRequest.FindPrivilegedUsers("contoso.com", ["alice@contoso.com", "bob@contoso.com"]));

        Assert.True(result.Succeeded);
        Assert.True(result.ReplicationPolicy!.FromObject);
        Assert.Contains("Tier0 Admins", result.ReplicationPolicy.DeniedGroups);
        Assert.Equal(["Tier0 Admins"], result.PrivilegedUsers!.Single(u => u.UserPrincipalName == "alice@contoso.com").DeniedGroups);
        Assert.False(result.PrivilegedUsers!.Single(u => u.UserPrincipalName == "bob@contoso.com").IsDenied);
    }

    [Fact]
    public void Before_the_object_exists_the_default_policy_is_said_to_be_assumed_and_single_values_parse_as_lists()
    {
        var result = Parse("users-default-policy.stdout.txt", KerberosOperationRequest.FindPrivilegedUsers("contoso.com", ["alice@contoso.com"]));

        Assert.False(result.ReplicationPolicy!.FromObject);
        var alice = Assert.Single(result.PrivilegedUsers!);
        Assert.Equal(["Denied RODC Password Replication Group"], alice.DeniedGroups);
    }

    [Fact]
    public void An_attended_run_lets_the_module_prompt_and_carries_no_cloud_password()
    {
        var credentials = new KerberosAdminCredentials { CloudUserName = "admin@contoso.onmicrosoft.com", CloudInteractive = true, DomainUserName = "EMEA\\da", DomainPassword = "domain-pw-456" };
        var request = KerberosOperationRequest.RotateKerberosServerKey("emea.contoso.com", "op-1");

        var start = PowerShellInvocation.Build(Options, request, interactive: true);
        var stdin = PowerShellInvocation.StandardInput(request, credentials);

        Assert.DoesNotContain("-NonInteractive", start.ArgumentList);
        Assert.False(start.CreateNoWindow);
        Assert.Contains("\"cloudSignIn\":\"interactive\"", stdin, StringComparison.Ordinal);
        Assert.Contains("\"cloudPassword\":null", stdin, StringComparison.Ordinal);
        Assert.DoesNotContain("domain-pw-456", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_script_signs_in_with_user_principal_name_when_attended_and_reads_the_objects_policy()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", "KerberosServer.ps1"));

        Assert.Contains("UserPrincipalName = \"$($payload.cloudUserName)\"", script, StringComparison.Ordinal);
        Assert.Contains("'msDS-NeverRevealGroup'", script, StringComparison.Ordinal);
        Assert.DoesNotContain("-CloudCredential $cloud", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_admin_secret_names_are_key_vault_names_one_per_domain()
    {
        Assert.Equal("kerberos-domain-admin--emea--contoso--com", AgentSecretNames.DomainAdminFor("EMEA.contoso.com."));
        Assert.NotEqual(AgentSecretNames.DomainAdminFor("a-b.com"), AgentSecretNames.DomainAdminFor("a.b-com"));
        Assert.Matches("^[0-9a-zA-Z-]+$", AgentSecretNames.DomainAdminFor("x1.emea.contoso.com"));
    }
}
