using CloudTrust.Rollout.Tests.Reliability;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph.Contract;

namespace CloudTrust.Rollout.Tests.Conformance;

/// <summary>
/// Every Graph request the workflows send (<see cref="GraphWorkload"/>: rollouts in both profile modes with readiness,
/// precedence, conflicts, verification and the ticket probe, migrations with container deletion and re-provisioning,
/// previews, group names) names only what Graph's published metadata has: path segments, casts, bound operations and
/// their parameters, <c>$select</c>, <c>$filter</c>, <c>$expand</c>, <c>$orderby</c>, body properties,
/// <c>@odata.type</c> and enum values. Only <see cref="KnownContractViolations"/> is tolerated, and each of its
/// entries must still be needed.
/// </summary>
public sealed class GraphRequestConformanceTests
{
    [Fact]
    public async Task Every_request_the_workflows_send_conforms_to_Graphs_metadata()
    {
        var requests = await GraphWorkload.RequestsAsync();
        var failures = new List<string>();
        var needed = new HashSet<KnownContractViolation>();
        foreach (var request in requests)
        {
            var path = request.Path.Split('?')[0];
            foreach (var violation in GraphContract.Check(request.Method, request.Path, request.Body))
            {
                if (KnownContractViolations.Tolerating(request.Method, path, violation) is { } known)
                {
                    needed.Add(known);
                }
                else
                {
                    failures.Add($"{request.Method} {Uri.UnescapeDataString(request.Path)}: {violation.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Graph requests naming what the metadata lacks:\n" + string.Join("\n", failures.Distinct()));
        var stale = KnownContractViolations.All.Where(k => !needed.Contains(k)).Select(k => $"{k.Method} {k.Path} {k.Name} ({k.Issue})").ToList();
        Assert.True(stale.Count == 0, "KnownContractViolations entries no request needs any more (remove them):\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task The_simulators_answers_name_only_what_the_metadata_has()
    {
        var violations = await GraphWorkload.AnswerViolationsAsync();

        Assert.True(violations.Count == 0, "The simulated Graph answers with what the metadata lacks:\n" + string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public async Task The_workload_covers_every_kind_of_request_the_product_sends()
    {
        var endpoints = (await GraphWorkload.RequestsAsync()).Select(r => $"{r.Method} {PermissionTable.Normalize(r.Path)}").ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "POST /beta/deviceManagement/configurationPolicies",
            "POST /beta/deviceManagement/configurationPolicies/{id}/assign",
            "POST /beta/deviceManagement/reports/getConfigurationPolicyDevicesReport",
            "POST /beta/deviceManagement/deviceHealthScripts",
            "POST /beta/deviceManagement/deviceHealthScripts/{id}/assign",
            "GET /beta/deviceManagement/deviceHealthScripts/{id}/deviceRunStates",
            "POST /v1.0/deviceManagement/deviceConfigurations",
            "POST /v1.0/deviceManagement/deviceConfigurations/{id}/assign",
            "GET /v1.0/deviceManagement/managedDevices",
            "GET /v1.0/deviceManagement/deviceEnrollmentConfigurations",
            "GET /v1.0/reports/authenticationMethods/userRegistrationDetails",
            "GET /v1.0/groups/{id}/transitiveMembers/graph.device",
            "GET /beta/deviceManagement/managedDevices",
            "GET /v1.0/groups",
        ];
        Assert.All(expected, e => Assert.Contains(e, endpoints));
        Assert.Contains(await GraphWorkload.RequestsAsync(), r => r.Body is { Length: > 0 } && r.Method == "POST");
    }
}
