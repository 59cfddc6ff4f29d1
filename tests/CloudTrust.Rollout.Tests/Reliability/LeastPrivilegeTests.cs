using System.Text.RegularExpressions;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Tests.Shared;

namespace CloudTrust.Rollout.Tests.Reliability;

/// <summary>
/// Least privilege: every Graph request the product makes in its rollouts (settings catalog with the ticket probe,
/// custom OMA-URI) and in a plan preview must match a row of the README's permission table, every permission in the
/// table must be one the grant script grants, and the relay's SAS rules must be Send-only and Listen-only.
/// </summary>
public sealed partial class LeastPrivilegeTests
{
    private static readonly Guid Pilot = new("1e000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("1e000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task Every_Graph_request_is_in_the_README_permission_table()
    {
        var table = PermissionTable.FromReadme(Repository.File("README.md"));
        var requests = new List<(string Method, string Path)>();
        foreach (var mode in new[] { "settingsCatalog", "customOmaUri" })
        {
            await using var harness = await RolloutHarness.StartAsync(intune =>
            {
                intune.AddDeviceGroup(Pilot, 6);
                intune.AddDeviceGroup(Broad, 6);
            });
            var plan = Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("broad", Broad))
                .Replace("\"profileName\"", $"\"profileMode\": \"{mode}\", \"ticketProbe\": {(mode == "settingsCatalog" ? "true" : "false")}, \"profileName\"", StringComparison.Ordinal);
            await harness.Preview().PreviewAsync(plan, CancellationToken.None);
            var report = await harness.RunAsync(plan, $"least-privilege-{mode}");
            Assert.Equal(RolloutOutcome.Completed, report.Outcome);
            requests.AddRange(harness.GraphRequests().Select(r => (r.Method, r.Path)));
        }

        requests.AddRange(await MigrationRequestsAsync());
        var unlisted = requests.Select(r => $"{r.Method} {PermissionTable.Normalize(r.Path)}").Distinct().Where(r => table.PermissionFor(r) is null).ToList();
        Assert.True(unlisted.Count == 0, "Graph requests missing from the README's permission table:\n" + string.Join("\n", unlisted));
        var granted = Repository.Text("infra/grant-graph-permissions.sh");
        Assert.All(table.Permissions, p => Assert.Contains(p, granted, StringComparison.Ordinal));
        ReliabilityLedger.Record("least-privilege", "Graph endpoints checked against the README table", requests.Select(r => $"{r.Method} {PermissionTable.Normalize(r.Path)}").Distinct().Count(), duplicates: 0);
    }

    /// <summary>The requests of a certificate-trust migration and a key-trust one: precedence reads, cert-trust assignment changes, container deletion, re-provisioning and sign-in tracking.</summary>
    private static async Task<IReadOnlyList<(string Method, string Path)>> MigrationRequestsAsync()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 6);
            intune.AddDeviceGroup(Broad, 6);
            intune.AddTenantWideHello("enabled");
            intune.AddCertificateTrustPolicy("WHfB certificate trust", [Pilot]);
            intune.AddCustomHelloConfiguration("WHfB key trust (OMA-URI)", Core.Precedence.HelloScope.Device, RolloutHarness.TenantId, new Dictionary<Core.Precedence.HelloSetting, bool> { [Core.Precedence.HelloSetting.UsePassportForWork] = true }, [Broad]);
            intune.RegisterHello(Pilot, 6);
            intune.RegisterHello(Broad, 6);
        });
        var plan = Plans.Plan(
            Plans.Ring("pilot", Pilot).Replace("\"requireApproval\"", "\"migrateFrom\": \"certificateTrust\", \"requireApproval\"", StringComparison.Ordinal),
            Plans.Ring("broad", Broad).Replace("\"requireApproval\"", "\"migrateFrom\": \"keyTrust\", \"requireApproval\"", StringComparison.Ordinal));
        await harness.Preview().PreviewAsync(plan, CancellationToken.None);
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan), "least-privilege-migration");
        await harness.WaitForPhaseAsync("least-privilege-migration", "awaitingDeletionApproval");
        await harness.Engine.RaiseEventAsync("least-privilege-migration", RolloutEvents.ApproveDeletion, new ContainerDeletionApproval("pilot", "test"));
        var report = await harness.CompletionAsync("least-privilege-migration");
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.NotNull(report.Rings[0].Migration!.Reprovisioning);
        Assert.NotNull(report.Rings[1].Migration!.SignIn);
        return [.. harness.GraphRequests().Select(r => (r.Method, r.Path))];
    }

    [Fact]
    public void The_relay_rules_are_send_only_for_the_app_and_listen_only_for_the_agent()
    {
        var bicep = Repository.Text("infra/main.bicep");

        Assert.Matches(RuleRights("cloud-send", "Send"), bicep);
        Assert.Matches(RuleRights("agent-listen", "Listen"), bicep);
        Assert.Equal(2, AuthorizationRules().Matches(bicep).Count);
    }

    private static Regex RuleRights(string name, string right)
        => new($"name: '{name}'\\s*properties: \\{{\\s*rights: \\[ '{right}' \\]", RegexOptions.Multiline);

    [GeneratedRegex("hybridConnections/authorizationRules@")]
    private static partial Regex AuthorizationRules();
}
