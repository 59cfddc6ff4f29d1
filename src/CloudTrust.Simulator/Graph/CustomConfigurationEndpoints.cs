using System.Text.Json.Nodes;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// v1.0 <c>/deviceManagement/deviceConfigurations</c> for <c>windows10CustomConfiguration</c> (OMA-URI): list, create,
/// PATCH (malformed omaSettings answered 400, see <see cref="OmaSettingRules"/>), assignments, <c>assign</c> (replaces the whole list) and <c>deviceStatuses</c>.
/// </summary>
internal static class CustomConfigurationEndpoints
{
    private const string Root = "/deviceManagement/deviceConfigurations";

    public static void Map(RouteGroupBuilder v1, SimulatedIntune intune)
    {
        v1.MapGet(Root, (HttpContext http) =>
        {
            List<SimulatedPolicy> all;
            lock (intune.Gate)
            {
                all = [.. intune.ConfigurationTable.Values.OrderBy(p => p.CreatedDateTime)];
            }

            return GraphResponses.Page(http, all, Describe, intune.Options);
        });

        v1.MapPost(Root, async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (body?["@odata.type"]?.GetValue<string>() != "#microsoft.graph.windows10CustomConfiguration" || body["omaSettings"] is not JsonArray oma)
            {
                return GraphResponses.BadRequest("a windows10CustomConfiguration with omaSettings is required.");
            }

            if (OmaSettingRules.Problem(oma) is { } problem)
            {
                return GraphResponses.BadRequest(problem);
            }

            var policy = intune.CreatePolicy(body["displayName"]?.GetValue<string>() ?? string.Empty, body["description"]?.GetValue<string>() ?? string.Empty, (JsonArray)oma.DeepClone(), customOma: true);
            return Results.Json(Describe(policy), SimulatorJson.Options, statusCode: 201);
        });

        v1.MapPatch(Root + "/{id}", async (HttpContext http, string id) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (body?["omaSettings"] is JsonArray patched && OmaSettingRules.Problem(patched) is { } problem)
            {
                return GraphResponses.BadRequest(problem);
            }

            lock (intune.Gate)
            {
                if (!intune.ConfigurationTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"deviceConfiguration {id}");
                }

                policy.Name = body?["displayName"]?.GetValue<string>() ?? policy.Name;
                policy.Description = body?["description"]?.GetValue<string>() ?? policy.Description;
                if (body?["omaSettings"] is JsonArray oma)
                {
                    policy.Settings = (JsonArray)oma.DeepClone();
                    policy.LastModifiedDateTime = intune.Time.GetUtcNow();
                }
            }

            return Results.NoContent();
        });

        v1.MapGet(Root + "/{id}/assignments", (HttpContext http, string id) =>
        {
            SimulatedPolicy? policy;
            List<Guid> groups = [];
            lock (intune.Gate)
            {
                policy = intune.ConfigurationTable.GetValueOrDefault(id);
                if (policy is not null)
                {
                    groups = [.. policy.Assignments.Keys];
                }
            }

            return policy is null ? GraphResponses.NotFound($"deviceConfiguration {id}") : GraphResponses.Page(http, groups, g => Assignment(id, g), intune.Options);
        });

        v1.MapPost(Root + "/{id}/assign", async (HttpContext http, string id) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (AssignmentSet.ReadGroupTargets(body, "assignments") is not { } requested)
            {
                return GraphResponses.BadRequest("each assignment needs a target with a groupId.");
            }

            lock (intune.Gate)
            {
                if (!intune.ConfigurationTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"deviceConfiguration {id}");
                }

                AssignmentSet.Replace(policy.Assignments, requested, intune.Time.GetUtcNow());

                policy.TargetCache = null;
                return Results.Json(new { value = policy.Assignments.Keys.Select(g => Assignment(id, g)).ToList() }, SimulatorJson.Options);
            }
        });

        v1.MapGet(Root + "/{id}/deviceStatuses", (HttpContext http, string id) =>
        {
            SimulatedPolicy? policy;
            lock (intune.Gate)
            {
                policy = intune.ConfigurationTable.GetValueOrDefault(id);
            }

            if (policy is null)
            {
                return GraphResponses.NotFound($"deviceConfiguration {id}");
            }

            var targets = intune.Targets(policy);
            var requireTpm = DevicePolicyEvaluator.RequiresSecurityDevice(policy);
            var now = intune.Time.GetUtcNow();
            return GraphResponses.Page(http, targets, t =>
            {
                var since = t.AssignedAt > policy.LastModifiedDateTime ? t.AssignedAt : policy.LastModifiedDateTime;
                var (state, at) = DevicePolicyEvaluator.Evaluate(t.Device, since, requireTpm, intune.FleetEpoch, intune.Options.CheckInInterval, now);
                return new Dictionary<string, object?>
                {
                    ["@odata.type"] = "#microsoft.graph.deviceConfigurationDeviceStatus",
                    ["id"] = $"{id}_{t.Device.ManagedDeviceId}",
                    ["deviceDisplayName"] = t.Device.Name,
                    ["userPrincipalName"] = t.Device.User.UserPrincipalName,
                    ["status"] = state switch
                    {
                        PolicyDeviceState.Succeeded => "compliant",
                        PolicyDeviceState.Error => "error",
                        PolicyDeviceState.Conflict => "conflict",
                        PolicyDeviceState.NotApplicable => "notApplicable",
                        _ => "unknown",
                    },
                    ["lastReportedDateTime"] = at ?? DateTimeOffset.UnixEpoch,
                };
            }, intune.Options);
        });
    }

    private static object Describe(SimulatedPolicy p) => new Dictionary<string, object>
    {
        ["@odata.type"] = "#microsoft.graph.windows10CustomConfiguration",
        ["id"] = p.Id,
        ["displayName"] = p.Name,
        ["description"] = p.Description,
        ["createdDateTime"] = p.CreatedDateTime,
        ["lastModifiedDateTime"] = p.LastModifiedDateTime,
        ["version"] = 1,
        ["omaSettings"] = p.Settings.DeepClone(),
    };

    private static object Assignment(string id, Guid group) => new Dictionary<string, object>
    {
        ["id"] = $"{id}_{group}",
        ["target"] = new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = group.ToString() },
    };
}
