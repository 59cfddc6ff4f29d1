using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class RolloutPlanReaderTests
{
    private const string Valid = """
        {
          "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b",
          "domains": ["corp.contoso.com", "emea.corp.contoso.com"],
          "profileName": "WHfB cloud trust",
          "rings": [
            { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "maxErrorShare": 0.05, "soak": "04:00:00", "verificationDeadline": "2.00:00:00", "requireApproval": true },
            { "name": "broad", "groupIds": ["22222222-2222-4222-8222-222222222222"], "successThreshold": 0.95, "soak": "1.00:00:00", "verificationDeadline": "7.00:00:00" }
          ]
        }
        """;

    [Fact]
    public void A_valid_plan_reads_with_defaults()
    {
        var result = RolloutPlanReader.Read(Valid);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var plan = result.Plan!;
        Assert.Equal(ProfileMode.SettingsCatalog, plan.ProfileMode);
        Assert.True(plan.RequireSecurityDevice);
        Assert.Equal(RolloutPlanReader.DefaultPollInterval, plan.PollInterval);
        Assert.Equal(2, plan.Rings.Count);
        Assert.True(plan.Rings[0].RequireApproval);
        Assert.False(plan.Rings[1].RequireApproval);
        Assert.Equal(0.05, plan.Rings[1].MaxErrorShare);
        Assert.Equal(TimeSpan.FromDays(7), plan.Rings[1].VerificationDeadline);
    }

    [Theory]
    [InlineData("\"22222222-2222-4222-8222-222222222222\"", "\"nope\"", "rings[1].groupIds[0]: not a GUID")]
    [InlineData("\"emea.corp.contoso.com\"", "\"-bad-.com\"", "domains[1]: not a DNS name")]
    [InlineData("\"successThreshold\": 0.95", "\"successThreshold\": 1.5", "rings[1].successThreshold: must be a number from 0 to 1")]
    [InlineData("\"soak\": \"04:00:00\"", "\"soak\": \"four hours\"", "rings[0].soak: not a duration (use [d.]hh:mm:ss)")]
    [InlineData("\"verificationDeadline\": \"2.00:00:00\"", "\"verificationDeadline\": \"01:00:00\"", "rings[0].verificationDeadline: must not be shorter than soak")]
    [InlineData("\"22222222-2222-4222-8222-222222222222\"", "\"11111111-1111-4111-8111-111111111111\"", "rings[1].groupIds[0]: group already used at rings[0].groupIds[0]")]
    [InlineData("\"profileName\": \"WHfB cloud trust\",", "\"profileMode\": \"gpo\", \"profileName\": \"WHfB cloud trust\",", "profileMode: must be \"settingsCatalog\" or \"customOmaUri\"")]
    [InlineData("\"tenantId\": \"8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b\"", "\"tenantId\": \"00000000-0000-0000-0000-000000000000\"", "tenantId: not a GUID")]
    [InlineData("\"successThreshold\": 0.95", "\"successThreshold\": 0.95, \"ticketThreshold\": 1.2", "rings[1].ticketThreshold: must be a number from 0 to 1")]
    [InlineData("\"successThreshold\": 0.95", "\"successThreshold\": 0.95, \"ticketThreshold\": \"most\"", "rings[1].ticketThreshold: must be a number from 0 to 1")]
    [InlineData("\"successThreshold\": 0.95", "\"successThreshold\": 0.95, \"ticketThreshold\": 0.8, \"minTicketReports\": 0", "rings[1].minTicketReports: must be a whole number of at least 1")]
    [InlineData("\"successThreshold\": 0.95", "\"successThreshold\": 0.95, \"minTicketReports\": 5", "rings[1].minTicketReports: needs ticketThreshold (the share of reporting devices with both tickets)")]
    public void Errors_name_the_exact_path(string find, string replace, string expected)
    {
        var result = RolloutPlanReader.Read(Valid.Replace(find, replace, StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_ring_may_gate_on_tickets_which_makes_the_plan_use_the_probe()
    {
        var plan = RolloutPlanReader.Read(Valid.Replace("\"successThreshold\": 0.95", "\"successThreshold\": 0.95, \"ticketThreshold\": 0.8, \"minTicketReports\": 25", StringComparison.Ordinal)).Plan!;

        Assert.Null(plan.Rings[0].TicketThreshold);
        Assert.Equal(0.8, plan.Rings[1].TicketThreshold);
        Assert.Equal(25, plan.Rings[1].MinTicketReports);
        Assert.True(plan.UsesTicketProbe);
        Assert.False(RolloutPlanReader.Read(Valid).Plan!.UsesTicketProbe);
    }

    [Fact]
    public void An_empty_ring_list_is_rejected()
    {
        var json = """{ "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "domains": ["corp.contoso.com"], "profileName": "x", "rings": [] }""";

        Assert.Contains("rings: at least one ring", RolloutPlanReader.Read(json).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Malformed_json_reports_line_and_position()
    {
        var json = "{\n  \"tenantId\": \"8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b\"\n  \"domains\": []\n}";

        var error = Assert.Single(RolloutPlanReader.Read(json).Errors);

        Assert.StartsWith("malformed JSON at line 3, position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = RolloutPlanReader.Read("""{ "domains": ["x"], "rings": [ { "groupIds": [] } ] }""");

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("tenantId: required", errors);
        Assert.Contains("domains[0]: not a DNS name", errors);
        Assert.Contains("profileName: required", errors);
        Assert.Contains("rings[0].groupIds: at least one group (groupIds or groupNames)", errors);
        Assert.Contains("rings[0].successThreshold: required", errors);
        Assert.Contains("rings[0].verificationDeadline: required", errors);
    }
}

public sealed class RolloutPlanExtensionsTests
{
    private static string Plan(string ringExtra = "", string planExtra = "") => $$"""
        {
          "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "domains": ["corp.contoso.com"], "profileName": "WHfB" {{planExtra}},
          "rings": [ { "name": "pilot", "successThreshold": 0.9, "verificationDeadline": "1.00:00:00" {{ringExtra}} } ]
        }
        """;

    [Fact]
    public void Groups_may_be_named_by_display_name_and_resolve_to_ids()
    {
        var plan = RolloutPlanReader.Read(Plan(""", "groupNames": ["WHfB Pilot", "WHfB IT"], "migrateFrom": "keyTrust" """, """, "createMissingGroups": true""")).Plan!;

        Assert.True(plan.CreateMissingGroups);
        Assert.Equal(["WHfB Pilot", "WHfB IT"], plan.AllGroupNames);
        Assert.Equal(Core.Precedence.TrustModel.KeyTrust, plan.Rings[0].MigrateFrom);
        var pilot = Guid.NewGuid();
        var it = Guid.NewGuid();
        var resolved = plan.WithResolvedGroups(new Dictionary<string, Guid> { ["whfb pilot"] = pilot, ["WHfB IT"] = it });
        Assert.Equal([pilot, it], resolved.Rings[0].GroupIds);
        Assert.Empty(resolved.AllGroupNames);
    }

    [Theory]
    [InlineData(""", "groupNames": ["ok", ""] """, "rings[0].groupNames[1]: must be a group display name (1 to 256 characters, no control characters)")]
    [InlineData(""", "groupNames": ["Pilot", "pilot"] """, "rings[0].groupNames[1]: group already used at rings[0].groupNames[0]")]
    [InlineData(""", "groupNames": "Pilot" """, "rings[0].groupNames: must be an array")]
    [InlineData("", "rings[0].groupIds: at least one group (groupIds or groupNames)")]
    [InlineData(""", "groupIds": ["11111111-1111-4111-8111-111111111111"], "migrateFrom": "passwords" """, "rings[0].migrateFrom: must be \"keyTrust\" or \"certificateTrust\"")]
    public void Bad_ring_groups_and_migrations_are_named(string ring, string expected)
    {
        var result = RolloutPlanReader.Read(Plan(ring));

        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
        Assert.Null(result.Plan);
    }

    [Fact]
    public void Optional_hello_settings_read_within_their_ranges()
    {
        var plan = RolloutPlanReader.Read(Plan(
            """, "groupIds": ["11111111-1111-4111-8111-111111111111"]""",
            """, "helloSettings": { "minimumPinLength": 6, "maximumPinLength": 12, "digits": "required", "specialCharacters": "disallowed", "pinExpirationDays": 365, "pinHistory": 5, "useBiometrics": false, "excludeTpm12": true }""")).Plan!;

        Assert.Equal(new HelloOptions(6, 12, PinCharacterRule.Required, null, null, PinCharacterRule.Disallowed, 365, 5, false, true), plan.Hello);
    }

    [Theory]
    [InlineData("\"minimumPinLength\": 3", "helloSettings.minimumPinLength: must be a whole number from 4 to 127")]
    [InlineData("\"maximumPinLength\": 128", "helloSettings.maximumPinLength: must be a whole number from 4 to 127")]
    [InlineData("\"minimumPinLength\": 10, \"maximumPinLength\": 8", "helloSettings.maximumPinLength: must not be less than minimumPinLength (10)")]
    [InlineData("\"pinExpirationDays\": 731", "helloSettings.pinExpirationDays: must be a whole number from 0 to 730")]
    [InlineData("\"pinHistory\": 51", "helloSettings.pinHistory: must be a whole number from 0 to 50")]
    [InlineData("\"pinHistory\": 1e400", "helloSettings.pinHistory: must be a whole number from 0 to 50")]
    [InlineData("\"digits\": \"sometimes\"", "helloSettings.digits: must be \"allowed\", \"required\" or \"disallowed\"")]
    [InlineData("\"useBiometrics\": \"yes\"", "helloSettings.useBiometrics: must be true or false")]
    [InlineData("\"pinColour\": 3", "helloSettings.pinColour: unknown setting (known: minimumPinLength, maximumPinLength, digits, lowercaseLetters, uppercaseLetters, specialCharacters, pinExpirationDays, pinHistory, useBiometrics, excludeTpm12)")]
    public void Out_of_range_hello_settings_are_named(string settings, string expected)
    {
        var result = RolloutPlanReader.Read(Plan(""", "groupIds": ["11111111-1111-4111-8111-111111111111"]""", $$""", "helloSettings": { {{settings}} }"""));

        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Excluding_tpm_1_2_needs_a_required_security_device()
    {
        var result = RolloutPlanReader.Read(Plan(""", "groupIds": ["11111111-1111-4111-8111-111111111111"]""", """, "requireSecurityDevice": false, "helloSettings": { "excludeTpm12": true }"""));

        Assert.Contains("helloSettings.excludeTpm12: needs requireSecurityDevice: true (it narrows which security devices count)", result.Errors.Select(e => e.ToString()));
    }
}
