using CloudTrust.Core.Rollout.Policy;

namespace CloudTrust.Cli.Tests;

/// <summary><c>cloudtrust plan</c> as a process against the simulated tenant: it shows drift and conflicts and writes nothing.</summary>
public sealed class PlanCommandTests
{
    [Fact]
    public async Task Plan_shows_the_drifted_setting_and_the_conflicting_policy_and_writes_nothing()
    {
        await using var test = await TestTenant.StartAsync();
        var rings = test.Tenant.Rings;
        test.Tenant.Intune.AddPolicy(
            "CloudTrust WHfB cloud Kerberos trust",
            "managed by CloudTrust. [cloudtrust:whfb-cloud-kerberos-trust]",
            new Dictionary<string, bool> { [WhfbSettingIds.UsePassportForWork] = true, [WhfbSettingIds.UseCloudTrustForOnPremAuth] = true, [WhfbSettingIds.RequireSecurityDevice] = false },
            [rings[0].GroupId]);
        test.Tenant.Intune.AddPolicy("Legacy WHfB certificate trust", "made by hand", new Dictionary<string, bool> { [WhfbSettingIds.UseCertificateForOnPremAuth] = true }, [rings[1].GroupId]);
        var plan = test.WritePlan("plan.json");
        var writesBefore = test.GraphWrites();

        var result = await test.RunAsync(test.WithSettings("plan", plan));

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Stdout}{result.Stderr}");
        Assert.Contains("would be updated", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{WhfbSettingIds.RequireSecurityDevice}: false -> true", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Legacy WHfB certificate trust", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("UseCertificateForOnPremAuth", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(writesBefore, test.GraphWrites());
        Assert.Contains(test.Tenant.Server.Requests.Entries, e => e.Path.StartsWith("/beta/deviceManagement/configurationPolicies", StringComparison.Ordinal));
        Assert.False(File.Exists(test.Db) && new FileInfo(test.Db).Length > 0 && HasRollouts(test), "plan started a rollout");
        test.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task A_missing_or_invalid_plan_is_bad_input_and_reads_nothing()
    {
        await using var test = await TestTenant.StartAsync(devices: 100);
        var bad = Path.Combine(test.Directory, "bad.json");
        await File.WriteAllTextAsync(bad, """{ "tenantId": "nope", "domains": ["contoso.com"], "profileName": "x", "rings": [] }""");
        var requestsBefore = test.Tenant.Server.Requests.Entries.Count;

        var missing = await test.RunAsync(test.WithSettings("plan", Path.Combine(test.Directory, "absent.json")));
        var invalid = await test.RunAsync(test.WithSettings("plan", bad));

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("plan: no file at", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("tenantId: not a GUID", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("rings: at least one ring", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal(requestsBefore, test.Tenant.Server.Requests.Entries.Count);
    }

    [Fact]
    public async Task A_ring_group_named_by_display_name_is_resolved_read_only_and_a_missing_one_is_an_error_or_a_group_to_create()
    {
        await using var test = await TestTenant.StartAsync(devices: 100);
        test.Tenant.Intune.NameGroup(test.Tenant.Rings[0].GroupId, "WHfB Pilot");
        var missing = test.WritePlan("missing.json", p =>
        {
            p["rings"]![0]!.AsObject().Remove("groupIds");
            p["rings"]![0]!["groupNames"] = new System.Text.Json.Nodes.JsonArray("WHfB Pilot");
            p["rings"]![1]!["groupNames"] = new System.Text.Json.Nodes.JsonArray("WHfB Early (new)");
        });
        var create = test.WritePlan("create.json", p =>
        {
            p["rings"]![0]!.AsObject().Remove("groupIds");
            p["rings"]![0]!["groupNames"] = new System.Text.Json.Nodes.JsonArray("WHfB Pilot");
            p["rings"]![1]!["groupNames"] = new System.Text.Json.Nodes.JsonArray("WHfB Early (new)");
            p["createMissingGroups"] = true;
        });
        var writes = test.GraphWrites();
        var groups = test.Tenant.Intune.Groups().Count;

        var refused = await test.RunAsync(test.WithSettings("plan", missing));
        var previewed = await test.RunAsync(test.WithSettings("plan", create));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("rings[1].groupNames[0]: no Entra group named 'WHfB Early (new)' (set createMissingGroups to create it)", refused.Stderr, StringComparison.Ordinal);
        Assert.True(previewed.ExitCode == 0, previewed.Stdout + previewed.Stderr);
        Assert.Contains("Ring groups that do not exist and would be created (createMissingGroups): 'WHfB Early (new)'", previewed.Stdout, StringComparison.Ordinal);
        Assert.Contains($"    + {test.Tenant.Rings[0].GroupId}", previewed.Stdout, StringComparison.Ordinal); // 'WHfB Pilot' resolved to its id
        Assert.Equal(writes, test.GraphWrites());
        Assert.Equal(groups, test.Tenant.Intune.Groups().Count);
    }

    [Fact]
    public async Task A_ring_group_id_that_is_not_an_Entra_group_is_a_plan_error_for_plan_and_rollout_start_alike()
    {
        await using var test = await TestTenant.StartAsync(devices: 100);
        var typo = new Guid("c7a1e000-0000-4000-8000-0000000000ff");
        var plan = test.WritePlan("typo.json", p => p["rings"]![2]!["groupIds"] = new System.Text.Json.Nodes.JsonArray(test.Tenant.Rings[2].GroupId.ToString(), typo.ToString()));
        var expected = $"rings[2].groupIds[1]: no Entra group has id {typo}";
        var writes = test.GraphWrites();

        var previewed = await test.RunAsync(test.WithSettings("plan", plan));
        var started = await test.RunAsync(test.WithSettings("rollout", "start", plan));

        Assert.Equal(2, previewed.ExitCode);
        Assert.Contains(expected, previewed.Stderr, StringComparison.Ordinal);
        Assert.True(started.ExitCode == 2, started.Stdout + started.Stderr);
        Assert.Contains(expected, started.Stdout + started.Stderr, StringComparison.Ordinal);
        Assert.Equal(writes, test.GraphWrites());
    }

    private static bool HasRollouts(TestTenant test) => test.OnlyRolloutIdAsync().GetAwaiter().GetResult() is not null;
}
