using System.Text.Json.Nodes;
using CloudTrust.Cli.Simulated;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// A tenant whose administrators must do MFA, with the CLI as a real process against the simulated tenant (relay,
/// agent, simulated AD): with no rotation policy in the settings every domain signs in attended, so <c>plan</c> and the
/// rollout's preflight read each Kerberos server object's on-premises half from the directory (no module sign-in) and
/// name the cloud half as not read; settings that name password sign-in still use the module, which MFA refuses.
/// </summary>
public sealed class AttendedReadPlanTests
{
    /// <summary>
    /// The default fleet with every pilot device on Windows build 19042: each reports an error at its first check-in, so
    /// a tight error share stops the rollout at the pilot's gate. With the default mix, whether a later ring's single
    /// error was read before its gate passed depended on the machine's speed at 28,800 times real time.
    /// </summary>
    private static readonly SimulatedRing[] PilotOnOldBuilds =
        [SimulatedRing.DefaultFleet[0] with { Mix = new FleetMix { OldBuild = 1 } }, SimulatedRing.DefaultFleet[1], SimulatedRing.DefaultFleet[2]];

    [Fact]
    public async Task An_mfa_tenants_plan_and_rollout_preflight_pass_with_the_directory_read_and_show_the_cloud_half_as_not_read()
    {
        await using var test = await TestTenant.StartAsync(devices: 100, rings: PilotOnOldBuilds);
        test.Tenant.ActiveDirectory.RequireMfa("hybrid-admin@contoso.onmicrosoft.com");
        var attended = test.WriteAttendedSettings();
        var plan = test.WritePlan("plan.json", firstRingMaxErrorShare: 0.02);

        var preview = await test.RunAsync("plan", plan, "--settings", attended);
        var passwordPreview = await test.RunAsync(test.WithSettings("plan", plan));
        var start = await test.RunAsync("rollout", "start", plan, "--settings", attended);

        Assert.True(preview.ExitCode == 0, preview.Stdout + preview.Stderr);
        Assert.Contains("contoso.com: on premises healthy, cloud half not read (on premises KeyVersion ", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("krbtgt_AzureAD disabled, read from the directory; cloud half not read (needs an administrator's sign-in))", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("emea.contoso.com: on premises healthy, cloud half not read", preview.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, passwordPreview.ExitCode);
        Assert.Contains("CloudMfaRequired", passwordPreview.Stdout, StringComparison.Ordinal);

        // Past the preflight: every pilot device is on a build too old for the policy, so the pilot's gate fails at its first
        // reading, whatever the machine's speed. Which progress lines a follower prints depends on how often it reads the
        // journal, so the gate's line is the evidence, not "assigning".
        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        Assert.Contains("ring 1/3 'pilot' failed its gate; the rollout is paused", start.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Kerberos server in", start.Stdout + start.Stderr, StringComparison.Ordinal);

        // Only the password preview signed in to the module (and was refused); no attended read did.
        Assert.All(test.Tenant.ActiveDirectory.SignIns, s => Assert.False(s.Interactive));
        Assert.Equal(2, test.Tenant.ActiveDirectory.SignIns.Count);
        test.AssertNoSecretLeaked(preview, passwordPreview, start);
    }

    [Fact]
    public async Task A_plan_that_names_attended_sign_in_overrides_the_tenants_password_policy_in_plan_and_preflight()
    {
        await using var test = await TestTenant.StartAsync(devices: 100, rings: PilotOnOldBuilds);
        test.Tenant.ActiveDirectory.RequireMfa("hybrid-admin@contoso.onmicrosoft.com");
        var plan = test.WritePlan("plan-attended.json", p =>
        {
            p["cloudSignIn"] = "attended";
            p["rings"]![0]!["maxErrorShare"] = 0.02;
        });
        var onePassword = test.WritePlan("plan-one-password.json", p => p["cloudSignInByDomain"] = new JsonObject { ["emea.contoso.com"] = "password" });

        // The tenant's settings name its sample rotation policy (password sign-in), which MFA refuses; the plan decides.
        var preview = await test.RunAsync(test.WithSettings("plan", plan));
        var mixed = await test.RunAsync(test.WithSettings("plan", onePassword));
        var start = await test.RunAsync(test.WithSettings("rollout", "start", plan));

        Assert.True(preview.ExitCode == 0, preview.Stdout + preview.Stderr);
        Assert.Contains("contoso.com: on premises healthy, cloud half not read", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("cloud sign-in attended", preview.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CloudMfaRequired", preview.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, mixed.ExitCode);
        Assert.Contains("cloud sign-in password", mixed.Stdout, StringComparison.Ordinal);
        Assert.Contains("CloudMfaRequired", mixed.Stdout, StringComparison.Ordinal);
        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        Assert.Contains("ring 1/3 'pilot' failed its gate; the rollout is paused", start.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Kerberos server in", start.Stdout + start.Stderr, StringComparison.Ordinal);

        // Only the mixed plan's password domain signed in to the module (and was refused).
        Assert.Single(test.Tenant.ActiveDirectory.SignIns);
        test.AssertNoSecretLeaked(preview, mixed, start);
    }
}
