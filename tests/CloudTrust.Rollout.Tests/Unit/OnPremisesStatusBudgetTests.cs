using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Preview;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Rollout.Tests.Unit;

/// <summary>The on-premises findings in the rollout's custom status: a bounded number named, the rest counted, within 16 KB.</summary>
public sealed class OnPremisesStatusBudgetTests
{
    [Fact]
    public void Thousands_of_privileged_users_and_site_problems_with_hostile_names_stay_within_16_KB_and_are_counted()
    {
        var hostile = new string('<', 2000) + "\"\\u0000";
        var denied = Enumerable.Range(0, 5000).Select(i => new PrivilegedUserFinding($"user{i}@contoso.com{hostile}", "contoso.com", [$"Domain Admins > {hostile}"], true)).ToList();
        var controllers = Enumerable.Range(0, 200).Select(i => new DomainController($"dc{i}.contoso.com", $"Site{i}{hostile}", "Windows Server 2012 R2", 9600, true));
        var preview = new OnPremisesPreview(
            [new DomainReadinessPreview("contoso.com", DomainPrerequisites.Evaluate("contoso.com", controllers), null)],
            [new RingPrivilegedUsers("pilot", 20_000, denied, [])]).Bounded(OnPremisesFindings.MaxNamed);
        var findings = OnPremisesFindings.From(preview, OnPremisesReadinessPolicy.Default);

        var status = RolloutStatus.Create("blocked", null, 0, 3, null, GateVerdict.Fail, findings.Blockers(), [], onPremises: findings);

        Assert.True(StatusBudget.Measure(status) <= StatusBudget.MaxCustomStatusBytes, StatusBudget.Measure(status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5000, status.OnPremises!.PrivilegedCount);
        Assert.Equal(200, status.OnPremises.SiteCount);
        Assert.True(status.OnPremises.Privileged.Count <= OnPremisesFindings.MaxNamed);
        Assert.Contains(findings.Warnings(), w => w.StartsWith("privileged users: 5000 of 20000 ring user(s)", StringComparison.Ordinal) && w.Contains("and 4990 more", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_decides_whether_each_finding_blocks_or_warns()
    {
        var preview = new OnPremisesPreview(
            [new DomainReadinessPreview("contoso.com", DomainPrerequisites.Evaluate("contoso.com", [new DomainController("dc3.contoso.com", "Branch", "Windows Server 2012 R2", 9600, true)]), null)],
            [new RingPrivilegedUsers("pilot", 10, [new PrivilegedUserFinding("alice@contoso.com", "contoso.com", ["Domain Admins"], true)], [])]);

        var byDefault = OnPremisesFindings.From(preview, OnPremisesReadinessPolicy.Default);
        var reversed = OnPremisesFindings.From(preview, new OnPremisesReadinessPolicy(FindingSeverity.Warn, FindingSeverity.Block));

        Assert.Single(byDefault.Blockers(), b => b.Contains("site 'Branch'", StringComparison.Ordinal));
        Assert.Single(byDefault.Warnings(), w => w.Contains("alice@contoso.com (ring pilot, contoso.com: Domain Admins)", StringComparison.Ordinal));
        Assert.Single(reversed.Blockers(), b => b.Contains("alice@contoso.com", StringComparison.Ordinal));
        Assert.Single(reversed.Warnings(), w => w.Contains("site 'Branch'", StringComparison.Ordinal));
    }
}
