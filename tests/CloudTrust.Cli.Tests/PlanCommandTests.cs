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

    private static bool HasRollouts(TestTenant test) => test.OnlyRolloutIdAsync().GetAwaiter().GetResult() is not null;
}
