using System.Globalization;

namespace CloudTrust.Rollout.Tests.Support;

/// <summary>Plan documents for the tests.</summary>
public static class Plans
{
    public const string ProfileName = "CloudTrust WHfB cloud Kerberos trust";

    public static string Ring(string name, Guid group, double threshold = 0.95, double maxError = 0.02, bool approval = false)
        => string.Create(CultureInfo.InvariantCulture, $$"""
            { "name": "{{name}}", "groupIds": ["{{group}}"], "successThreshold": {{threshold}}, "maxErrorShare": {{maxError}},
              "soak": "01:00:00", "verificationDeadline": "1.00:00:00", "requireApproval": {{(approval ? "true" : "false")}} }
            """);

    public static string Plan(params string[] rings) => $$"""
        {
          "tenantId": "{{RolloutHarness.TenantId}}",
          "domains": ["corp.contoso.example"],
          "profileName": "{{ProfileName}}",
          "pollInterval": "00:30:00",
          "rings": [{{string.Join(",", rings)}}]
        }
        """;
}
