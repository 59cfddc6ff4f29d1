using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Rollout.Tests.Unit;

/// <summary>The plan's <c>readiness</c> setting (block or warn per on-premises finding) and its cloud sign-in per domain.</summary>
public sealed class PlanOnPremisesSettingsTests
{
    private const string Plan = """
        {
          "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b",
          "domains": ["corp.contoso.com", "emea.corp.contoso.com"],
          "profileName": "WHfB cloud trust",
          "rings": [ { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "soak": "04:00:00", "verificationDeadline": "2.00:00:00" } ]
          /*extra*/
        }
        """;

    [Fact]
    public void Without_the_settings_domain_controllers_block_privileged_users_warn_and_the_tenants_policy_decides_the_sign_in()
    {
        var plan = RolloutPlanReader.Read(Plan).Plan!;

        Assert.Equal(FindingSeverity.Block, plan.Readiness.DomainControllers);
        Assert.Equal(FindingSeverity.Warn, plan.Readiness.PrivilegedUsers);
        Assert.Null(plan.CloudSignIn);
        Assert.Null(KerberosServerCheckInput.For(plan.Domains, plan.CloudSignIn).SignInFor("corp.contoso.com"));
    }

    [Fact]
    public void A_plan_that_names_one_domain_makes_the_others_attended_and_passes_every_mode_to_the_preflight()
    {
        var plan = RolloutPlanReader.Read(With("""
            , "cloudSignInByDomain": { "emea.corp.contoso.com": "password" }
            """)).Plan!;
        var input = KerberosServerCheckInput.For(plan.Domains, plan.CloudSignIn);

        Assert.Equal(CloudSignInMode.Attended, input.SignInFor("CORP.contoso.com"));
        Assert.Equal(CloudSignInMode.Password, input.SignInFor("emea.corp.contoso.com"));
        Assert.Null(input.SignInFor("fabrikam.com"));
    }

    [Fact]
    public void The_settings_are_read_as_written()
    {
        var plan = RolloutPlanReader.Read(With("""
            , "readiness": { "domainControllers": "warn", "privilegedUsers": "block" },
              "cloudSignIn": "attended", "cloudSignInByDomain": { "EMEA.corp.contoso.com": "password" }
            """)).Plan!;

        Assert.Equal(FindingSeverity.Warn, plan.Readiness.DomainControllers);
        Assert.Equal(FindingSeverity.Block, plan.Readiness.PrivilegedUsers);
        Assert.Equal(CloudSignInMode.Attended, plan.CloudSignIn!.For("corp.contoso.com"));
        Assert.Equal(CloudSignInMode.Password, plan.CloudSignIn.For("emea.corp.contoso.com"));
    }

    [Theory]
    [InlineData(", \"readiness\": { \"privilegedUsers\": \"ignore\" }", "readiness.privilegedUsers: expected \"block\" or \"warn\"")]
    [InlineData(", \"readiness\": { \"domainControllers\": true }", "readiness.domainControllers: expected \"block\" or \"warn\"")]
    [InlineData(", \"readiness\": { \"domainControllers\": \"Block\" }", "readiness.domainControllers: expected \"block\" or \"warn\"")]
    [InlineData(", \"readiness\": { \"dcs\": \"warn\" }", "readiness.dcs: unknown finding (known: domainControllers, privilegedUsers)")]
    [InlineData(", \"readiness\": \"warn\"", "readiness: must be an object")]
    [InlineData(", \"cloudSignIn\": \"mfa\"", "cloudSignIn: must be \"attended\"")]
    [InlineData(", \"cloudSignInByDomain\": { \"corp.contoso.com\": \"sms\" }", "cloudSignInByDomain.corp.contoso.com: must be \"attended\" or \"password\"")]
    [InlineData(", \"cloudSignInByDomain\": { \"fabrikam.com\": \"password\" }", "cloudSignInByDomain.fabrikam.com: not one of the plan's domains")]
    [InlineData(", \"cloudSignInByDomain\": [\"corp.contoso.com\"]", "cloudSignInByDomain: must be an object")]
    public void Bad_settings_are_refused_naming_the_path(string extra, string expected)
    {
        var result = RolloutPlanReader.Read(With(extra));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    private static string With(string extra) => Plan.Replace("/*extra*/", extra, StringComparison.Ordinal);
}
