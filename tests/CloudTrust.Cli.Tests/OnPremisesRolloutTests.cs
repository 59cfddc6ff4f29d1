using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Cli.Simulated;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// The rollout's preflight reads on-premises readiness through the relay and the agent, as <c>plan</c> does, on the
/// local engine driven by the CLI process: a site with outdated domain controllers blocks before anything is assigned,
/// a privileged ring user is a warning the rollout goes on with, and both show in <c>rollout status</c> (text and
/// <c>--json</c>) and the HTML report; the plan's <c>readiness</c> setting decides which blocks, and the plan names the
/// cloud sign-in mode per domain.
/// </summary>
public sealed class OnPremisesRolloutTests
{
    [Fact]
    public async Task A_site_with_outdated_domain_controllers_blocks_the_rollout_with_its_reason_and_nothing_is_assigned()
    {
        await using var test = await TestTenant.StartAsync(devices: 100);
        // The Branch site loses its only serving DC: a read-only one and a 2012 R2 one remain.
        test.Tenant.ActiveDirectory.AddDomain(SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == "contoso.com"));
        var plan = test.WritePlan("plan.json");

        var start = await test.RunAsync(test.WithSettings("rollout", "start", plan));
        var id = (await test.OnlyRolloutIdAsync())!;
        var text = await test.RunAsync("rollout", "status", id);
        var json = await test.RunAsync("rollout", "status", id, "--json");

        Assert.True(start.ExitCode == 1, start.Stdout + start.Stderr);
        Assert.Contains("blocked", start.Stdout, StringComparison.Ordinal);
        Assert.Contains("domain controllers: contoso.com site 'Branch' has no writable domain controller on Windows Server 2016 or later", start.Stdout, StringComparison.Ordinal);
        Assert.Contains("  blocks: domain controllers: contoso.com site 'Branch'", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("on-premises readiness (domain controllers: block, privileged users: warn): 1 site problem(s)", text.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("Blocked", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("onPremises").GetProperty("siteCount").GetInt32());
        Assert.Equal(0, test.GraphWrites());
        test.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task A_privileged_ring_user_is_a_warning_the_rollout_goes_on_with_named_in_status_and_report()
    {
        await using var test = await TestTenant.StartAsync(devices: 100);
        var plan = test.WritePlan("plan.json", p => p["cloudSignInByDomain"] = new JsonObject { ["emea.contoso.com"] = "password" });
        var html = Path.Combine(test.Directory, "report.html");

        var preview = await test.RunAsync(test.WithSettings("plan", plan));
        var start = await test.RunAsync(test.WithSettings("rollout", "start", plan));
        var id = (await test.OnlyRolloutIdAsync())!;
        var text = await test.RunAsync("rollout", "status", id);
        var json = await test.RunAsync("rollout", "status", id, "--json");
        var report = await test.RunAsync("report", id, "--out", html);

        Assert.True(preview.ExitCode == 0, preview.Stdout + preview.Stderr);
        Assert.Contains("On-premises readiness (plan readiness: domainControllers block, privilegedUsers warn):", preview.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"  contoso\.com: [^\n]*; cloud sign-in attended", preview.Stdout);
        Assert.Matches(@"  emea\.contoso\.com: [^\n]*; cloud sign-in password", preview.Stdout);
        Assert.True(start.ExitCode is 0 or 3, start.Stdout + start.Stderr);
        Assert.NotEqual("preflight", (await test.ReadStatusAsync(id))!.Phase);
        Assert.Contains($"  warns: privileged users: 1 of ", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{SimulatedTenant.FirstFleetUser} (ring pilot, contoso.com: Domain Admins > Tier0 Operators)", text.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        var onPremises = document.RootElement.GetProperty("onPremises");
        Assert.Equal("warn", onPremises.GetProperty("privilegedUsers").GetString());
        Assert.Equal(1, onPremises.GetProperty("privilegedCount").GetInt32());
        Assert.Equal(0, report.ExitCode);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<h2>On-premises readiness</h2>", page, StringComparison.Ordinal);
        Assert.Contains($"<li class=\"privileged-user\">{SimulatedTenant.FirstFleetUser} (ring pilot, contoso.com: Domain Admins &gt; Tier0 Operators)</li>", page, StringComparison.Ordinal);
        test.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task A_plan_whose_readiness_setting_is_wrong_is_refused_naming_the_path_before_anything_is_read()
    {
        await using var test = await TestTenant.StartAsync(devices: 20);
        var plan = test.WritePlan("plan.json", p => p["readiness"] = new JsonObject { ["privilegedUsers"] = "ignore" });

        var preview = await test.RunAsync(test.WithSettings("plan", plan));
        var start = await test.RunAsync(test.WithSettings("rollout", "start", plan));

        Assert.Equal(2, preview.ExitCode);
        Assert.Contains("readiness.privilegedUsers: expected \"block\" or \"warn\"", preview.Stderr + preview.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, start.ExitCode);
        Assert.Contains("readiness.privilegedUsers: expected \"block\" or \"warn\"", start.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, test.GraphWrites());
    }
}
