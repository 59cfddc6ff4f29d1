using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Cli.Tests.Precedence;

/// <summary>
/// One simulated tenant per precedence case: <c>cloudtrust plan</c> (a process, through the relay and the agent) prints
/// the ring's report, asserted line by line, and writes nothing; the rollout's preflight reads the same sources,
/// reaches the same report and blocks before its first write.
/// </summary>
public sealed class PrecedenceScenarioTests
{
    /// <summary>The early ring's certificate-trust migration, as the plan prints it whether or not the plan asks for it.</summary>
    private static readonly string[] CertificateTrustMigration =
    [
        "  migration from certificate trust:",
        "    1. ensure the Microsoft Entra Kerberos server object in every domain of the plan [reversible]",
        "    2. set UseCertificateForOnPremAuth to not configured for the ring (the certificate-trust policy loses the ring's groups) [reversible]",
        "    3. assign the cloud-trust profile to the ring's groups [reversible]",
        "    4. after approval for this ring: run 'certutil.exe -deletehellocontainer' as each user (Intune Remediations); this deletes the users' WHfB credentials [NOT reversible: the point of no return; needs approval for this ring]",
        "    5. users sign out and in and provision WHfB again; tracked through registrations and the ticket probe [not reversible]",
        "    warning: certificate trust has no direct path to cloud trust: users lose their WHfB credentials at the container deletion and must provision again",
        "    warning: 10 hybrid-joined device(s): the first sign-in after provisioning needs line of sight to a domain controller",
    ];

    [Fact]
    public async Task Tenant_wide_enrollment_configuration_that_disables_WHfB_blocks_every_ring()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        env.Tenant.Intune.AddTenantWideHello("disabled");

        var (blockers, section) = await PlanAndRolloutAsync(env, "tenant-wide", "pilot", env.WritePlan("plan.json"));

        Assert.Equal(
        [
            "Ring 'pilot': no WHfB now (no source enables Windows Hello for Business); no WHfB once the rollout's profile applies",
            "  sources, strongest first:",
            "    tenant-wide WHfB enrollment configuration: UsePassportForWork=false",
            "    the rollout's profile 'CloudTrust WHfB cloud Kerberos trust': UsePassportForWork=true, UseCloudTrustForOnPremAuth=true",
            "  effective: UsePassportForWork=false from tenant-wide WHfB enrollment configuration; UseCloudTrustForOnPremAuth=true from the rollout's profile 'CloudTrust WHfB cloud Kerberos trust'; UseCertificateForOnPremAuth not configured",
            "  block: the tenant-wide WHfB enrollment configuration disables Windows Hello for Business: nothing provisions until it is enabled or set to not configured",
            "  migration from no WHfB:",
            "    1. ensure the Microsoft Entra Kerberos server object in every domain of the plan [reversible]",
            "    2. assign the cloud-trust profile to the ring's groups; users provision WHfB at their next sign-in [reversible]",
            "    warning: 4 hybrid-joined device(s): the first sign-in after provisioning needs line of sight to a domain controller",
        ],
            section);
        Assert.Equal(["pilot", "early", "broad"], blockers.Select(b => b.Split('\'')[1]));
        Assert.All(blockers, b => Assert.EndsWith(": the tenant-wide WHfB enrollment configuration disables Windows Hello for Business: nothing provisions until it is enabled or set to not configured", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task User_scoped_policy_that_turns_WHfB_off_shadows_the_device_scoped_cloud_trust_setting()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        env.Tenant.Intune.AddHelloPolicy("WHfB off for pilot users", HelloScope.User, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = false }, [env.Tenant.Rings[0].GroupId]);

        var (blockers, section) = await PlanAndRolloutAsync(env, "user-scope", "pilot", env.WritePlan("plan.json"));

        Assert.Equal(
        [
            "Ring 'pilot': no WHfB now (no source enables Windows Hello for Business); no WHfB once the rollout's profile applies",
            "  sources, strongest first:",
            "    tenant-wide WHfB enrollment configuration: sets nothing that decides the trust model",
            "    user-scoped policy 'WHfB off for pilot users': UsePassportForWork=false",
            "    the rollout's profile 'CloudTrust WHfB cloud Kerberos trust': UsePassportForWork=true, UseCloudTrustForOnPremAuth=true",
            "  effective: UsePassportForWork=false from user-scoped policy 'WHfB off for pilot users'; UseCloudTrustForOnPremAuth=true from the rollout's profile 'CloudTrust WHfB cloud Kerberos trust'; UseCertificateForOnPremAuth not configured",
            "  block: user-scoped policy 'WHfB off for pilot users' turns Windows Hello for Business off and wins over the device-scoped cloud-trust setting",
            "  block: the rollout's profile is the only cloud-trust source and it would be shadowed by user-scoped policy 'WHfB off for pilot users'",
            "  migration from no WHfB:",
            "    1. ensure the Microsoft Entra Kerberos server object in every domain of the plan [reversible]",
            "    2. assign the cloud-trust profile to the ring's groups; users provision WHfB at their next sign-in [reversible]",
            "    warning: 4 hybrid-joined device(s): the first sign-in after provisioning needs line of sight to a domain controller",
        ],
            section);
        Assert.Equal(2, blockers.Count);
    }

    [Fact]
    public async Task GPO_linked_above_a_rings_device_means_Intune_will_be_ignored()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        env.Tenant.Intune.AddNamedDevice(env.Tenant.Rings[0].GroupId, "PILOT-GPO-01");
        env.Tenant.ActiveDirectory.AddGroupPolicy(
            "contoso.com",
            new SimulatedGroupPolicy
            {
                DisplayName = "WHfB key trust (2019)",
                Computer = new PassportForWorkValues(Enabled: true, RequireSecurityDevice: true),
                Links = [new SimulatedGroupPolicyLink("OU=Pilot,DC=contoso,DC=com")],
            },
            ["CN=PILOT-GPO-01,OU=Pilot,DC=contoso,DC=com"]);

        var (blockers, section) = await PlanAndRolloutAsync(env, "gpo", "pilot", env.WritePlan("plan.json"));

        Assert.Equal(
        [
            "Ring 'pilot': key trust now (GPO 'WHfB key trust (2019)' linked at OU=Pilot,DC=contoso,DC=com enables WHfB without certificate or cloud trust); key trust once the rollout's profile applies",
            "  sources, strongest first (Group Policy configures WHfB here: Intune is ignored):",
            "    GPO 'WHfB key trust (2019)' linked at OU=Pilot,DC=contoso,DC=com: UsePassportForWork=true",
            "    tenant-wide WHfB enrollment configuration: sets nothing that decides the trust model",
            "    the rollout's profile 'CloudTrust WHfB cloud Kerberos trust': UsePassportForWork=true, UseCloudTrustForOnPremAuth=true",
            "  effective: UsePassportForWork=true from GPO 'WHfB key trust (2019)' linked at OU=Pilot,DC=contoso,DC=com; UseCloudTrustForOnPremAuth not configured; UseCertificateForOnPremAuth not configured",
            "  block: Intune will be ignored: Group Policy configures WHfB here (GPO 'WHfB key trust (2019)' linked at OU=Pilot,DC=contoso,DC=com) and does not enable cloud trust; change or unlink the GPO first",
            "  info: the ring reads as key trust: users sign out and in once cloud trust applies; migrateFrom: keyTrust tracks that through the ticket probe",
            "  migration from key trust:",
            "    1. ensure the Microsoft Entra Kerberos server object in every domain of the plan [reversible]",
            "    2. assign the cloud-trust profile to the ring's groups [reversible]",
            "    3. users sign out and in (Entra-joined devices); completion tracked through the ticket probe's OnPremTgt and CloudTgt [reversible]",
            "    warning: 5 hybrid-joined device(s): the first sign-in after provisioning needs line of sight to a domain controller",
        ],
            section);
        Assert.Equal(["ring 'pilot': Intune will be ignored: Group Policy configures WHfB here (GPO 'WHfB key trust (2019)' linked at OU=Pilot,DC=contoso,DC=com) and does not enable cloud trust; change or unlink the GPO first"], blockers);
    }

    [Fact]
    public async Task Certificate_trust_ring_blocks_until_the_plan_migrates_it_and_the_plan_names_the_step_that_cannot_be_undone()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        var certificatePolicy = env.Tenant.Intune.AddCertificateTrustPolicy("WHfB certificate trust (ADFS)", [env.Tenant.Rings[1].GroupId]);

        var (blockers, section) = await PlanAndRolloutAsync(env, "cert", "early", env.WritePlan("plan.json"));

        Assert.Equal(
        [
            "Ring 'early': certificate trust now (device-scoped policy 'WHfB certificate trust (ADFS)' enables UseCertificateForOnPremAuth); certificate trust once the rollout's profile applies",
            "  sources, strongest first:",
            "    tenant-wide WHfB enrollment configuration: sets nothing that decides the trust model",
            "    the rollout's profile 'CloudTrust WHfB cloud Kerberos trust': UsePassportForWork=true, UseCloudTrustForOnPremAuth=true",
            "    device-scoped policy 'WHfB certificate trust (ADFS)': UsePassportForWork=true, UseCertificateForOnPremAuth=true",
            "  effective: UsePassportForWork=true from device-scoped policy 'WHfB certificate trust (ADFS)'; UseCloudTrustForOnPremAuth=true from the rollout's profile 'CloudTrust WHfB cloud Kerberos trust'; UseCertificateForOnPremAuth=true from device-scoped policy 'WHfB certificate trust (ADFS)'",
            "  block: certificate trust wins over cloud trust: device-scoped policy 'WHfB certificate trust (ADFS)' enables UseCertificateForOnPremAuth; plan a certificate-trust migration for this ring",
            .. CertificateTrustMigration,
        ],
            section);
        Assert.Equal(
            [
                $"policy 'WHfB certificate trust (ADFS)' ({certificatePolicy}): UseCertificateForOnPremAuth is true (certificate trust wins over cloud trust)",
                "ring 'early': certificate trust wins over cloud trust: device-scoped policy 'WHfB certificate trust (ADFS)' enables UseCertificateForOnPremAuth; plan a certificate-trust migration for this ring",
            ],
            blockers);

        var writes = env.GraphWrites();
        var migrate = await env.RunAsync(env.WithSettings("plan", env.WritePlan("migrate.json", p => p["rings"]![1]!["migrateFrom"] = "certificateTrust")));

        Assert.True(migrate.ExitCode == 0, migrate.Stdout + migrate.Stderr);
        Assert.Equal(
        [
            "Ring 'early': certificate trust now (device-scoped policy 'WHfB certificate trust (ADFS)' enables UseCertificateForOnPremAuth); cloud trust once the rollout's profile applies",
            "  sources, strongest first:",
            "    tenant-wide WHfB enrollment configuration: sets nothing that decides the trust model",
            "    the rollout's profile 'CloudTrust WHfB cloud Kerberos trust': UsePassportForWork=true, UseCloudTrustForOnPremAuth=true",
            "    device-scoped policy 'WHfB certificate trust (ADFS)': UsePassportForWork=true, UseCertificateForOnPremAuth=true",
            "  effective: UsePassportForWork=true from the rollout's profile 'CloudTrust WHfB cloud Kerberos trust'; UseCloudTrustForOnPremAuth=true from the rollout's profile 'CloudTrust WHfB cloud Kerberos trust'; UseCertificateForOnPremAuth not configured",
            "  info: cloud trust comes from the rollout's profile 'CloudTrust WHfB cloud Kerberos trust'; Windows Hello for Business from the rollout's profile 'CloudTrust WHfB cloud Kerberos trust'",
            "  info: device-scoped policy 'WHfB certificate trust (ADFS)' is turned off for this ring by the migration before cloud trust is enabled",
            .. CertificateTrustMigration,
        ],
            ScenarioRun.RingSection(migrate.Stdout, "early"));
        Assert.Contains("The rollout would go ahead. Nothing was changed.", migrate.Stdout, StringComparison.Ordinal);
        Assert.Equal(writes, env.GraphWrites());
        env.AssertNoSecretLeaked();
    }

    /// <summary>
    /// Runs <c>cloudtrust plan</c> (exit 3, no Graph write), then the rollout (blocked in preflight, still no Graph write);
    /// both must print the ring's section alike and name the same blockers.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Blockers, IReadOnlyList<string> Section)> PlanAndRolloutAsync(TestTenant env, string id, string ring, string plan)
    {
        var writes = env.GraphWrites();
        var result = await env.RunAsync(env.WithSettings("plan", plan));

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Stdout}{result.Stderr}");
        Assert.Equal(writes, env.GraphWrites());
        var section = ScenarioRun.RingSection(result.Stdout, ring);
        var printed = result.Stdout.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => !l.StartsWith("The rollout would stop at its preflight", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();

        var (run, waits) = await ScenarioRun.RolloutAsync(env, plan, id, (host, status) => ScenarioRun.GoOnAsync(host, status, id));
        var report = run.ReadOutputAs<RolloutReport>()!;
        var status = run.ReadCustomStatusAs<RolloutStatus>()!;

        Assert.Empty(waits);
        Assert.Equal(RolloutOutcome.Blocked, report.Outcome);
        Assert.Equal(section, ScenarioRun.RingSection(report, ring));
        Assert.Equal(printed, status.Reasons);
        Assert.Null(report.PolicyId);
        Assert.Equal(writes, env.GraphWrites());
        return (printed, section);
    }
}
