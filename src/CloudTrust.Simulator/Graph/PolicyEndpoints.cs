using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using CloudTrust.Simulator.Hosting;

namespace CloudTrust.Simulator.Graph;

/// <summary><c>/beta/deviceManagement/configurationPolicies</c>: list, get, create, PUT (malformed settings answered 400, see <see cref="CatalogSettingRules"/>), settings, assignments, assign.</summary>
internal static class PolicyEndpoints
{
    private const string Root = "/deviceManagement/configurationPolicies";

    public static void Map(RouteGroupBuilder beta, SimulatedIntune intune)
    {
        beta.MapGet(Root, (HttpContext http) =>
        {
            List<SimulatedPolicy> all;
            lock (intune.Gate)
            {
                all = [.. intune.PolicyTable.Values.OrderBy(p => p.CreatedDateTime).ThenBy(p => p.Id, StringComparer.Ordinal)];
            }

            return GraphResponses.Page(http, all, Describe, intune.Options);
        });

        beta.MapGet(Root + "/{id}", (string id) => Find(intune, id) is { } p ? Results.Json(Describe(p), SimulatorJson.Options) : GraphResponses.NotFound($"configurationPolicy {id}"));

        beta.MapPost(Root, async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (body?["name"]?.GetValue<string>() is not { Length: > 0 } name || body["settings"] is not JsonArray settings)
            {
                return GraphResponses.BadRequest("name and settings are required.");
            }

            if (CatalogSettingRules.Problem(settings) is { } invalid)
            {
                return GraphResponses.BadRequest(invalid);
            }

            var policy = intune.CreatePolicy(name, body["description"]?.GetValue<string>() ?? string.Empty, (JsonArray)settings.DeepClone());
            lock (intune.Gate)
            {
                policy.Platforms = body["platforms"]?.GetValue<string>() ?? "windows10";
                policy.Technologies = body["technologies"]?.GetValue<string>() ?? "mdm";
            }

            return Results.Json(Describe(policy), SimulatorJson.Options, statusCode: 201);
        });

        beta.MapPut(Root + "/{id}", async (HttpContext http, string id) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (body?["settings"] is not JsonArray settings)
            {
                return GraphResponses.BadRequest("settings are required.");
            }

            if (CatalogSettingRules.Problem(settings) is { } invalid)
            {
                return GraphResponses.BadRequest(invalid);
            }

            lock (intune.Gate)
            {
                if (!intune.PolicyTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"configurationPolicy {id}");
                }

                policy.Name = body["name"]?.GetValue<string>() ?? policy.Name;
                policy.Description = body["description"]?.GetValue<string>() ?? policy.Description;
                policy.Settings = (JsonArray)settings.DeepClone();
                policy.LastModifiedDateTime = intune.Time.GetUtcNow();
            }

            return Results.NoContent();
        });

        beta.MapGet(Root + "/{id}/settings", (HttpContext http, string id) =>
        {
            if (Find(intune, id) is not { } policy)
            {
                return GraphResponses.NotFound($"configurationPolicy {id}");
            }

            List<JsonNode> settings;
            lock (intune.Gate)
            {
                settings = policy.Settings.Select((s, i) =>
                {
                    var copy = s!.DeepClone();
                    copy["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return copy;
                }).ToList();
            }

            return GraphResponses.Page(http, settings, s => s, intune.Options);
        });

        beta.MapGet(Root + "/{id}/assignments", (HttpContext http, string id) =>
        {
            if (Find(intune, id) is not { } policy)
            {
                return GraphResponses.NotFound($"configurationPolicy {id}");
            }

            List<Guid> groups;
            lock (intune.Gate)
            {
                groups = [.. policy.Assignments.Keys];
            }

            return GraphResponses.Page(http, groups, g => Assignment(policy.Id, g), intune.Options);
        });

        beta.MapPost(Root + "/{id}/assign", async (HttpContext http, string id) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (body?["assignments"] is not JsonArray assignments)
            {
                return GraphResponses.BadRequest("assignments is required.");
            }

            var requested = new List<Guid>();
            foreach (var item in assignments)
            {
                var target = item?["target"];
                if (target?["@odata.type"]?.GetValue<string>() != "#microsoft.graph.groupAssignmentTarget"
                    || !Guid.TryParse(target["groupId"]?.GetValue<string>(), out var group))
                {
                    return GraphResponses.BadRequest("each assignment needs a groupAssignmentTarget with a groupId.");
                }

                requested.Add(group);
            }

            lock (intune.Gate)
            {
                if (!intune.PolicyTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"configurationPolicy {id}");
                }

                AssignmentSet.Replace(policy.Assignments, requested, intune.Time.GetUtcNow());

                policy.TargetCache = null;
                return Results.Json(new { value = policy.Assignments.Keys.Select(g => Assignment(policy.Id, g)).ToList() }, SimulatorJson.Options);
            }
        });
    }

    private static SimulatedPolicy? Find(SimulatedIntune intune, string id)
    {
        lock (intune.Gate)
        {
            return intune.PolicyTable.GetValueOrDefault(id);
        }
    }

    private static object Describe(SimulatedPolicy p) => new Dictionary<string, object>
    {
        ["@odata.type"] = "#microsoft.graph.deviceManagementConfigurationPolicy",
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["platforms"] = p.Platforms,
        ["technologies"] = p.Technologies,
        ["createdDateTime"] = p.CreatedDateTime,
        ["lastModifiedDateTime"] = p.LastModifiedDateTime,
        ["settingCount"] = p.Settings.Count,
        ["roleScopeTagIds"] = new[] { "0" },
        ["isAssigned"] = p.Assignments.Count > 0,
        ["templateReference"] = new Dictionary<string, object>
        {
            ["templateId"] = p.TemplateFamily == "none" ? string.Empty : $"{p.TemplateFamily}_1",
            ["templateFamily"] = p.TemplateFamily,
            ["templateDisplayName"] = p.TemplateFamily == "none" ? string.Empty : p.TemplateFamily,
            ["templateDisplayVersion"] = p.TemplateFamily == "none" ? string.Empty : "Version 1",
        },
    };

    private static object Assignment(string policyId, Guid group) => new Dictionary<string, object>
    {
        ["id"] = $"{policyId}_{group}",
        ["source"] = "direct",
        ["target"] = new Dictionary<string, object>
        {
            ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget",
            ["groupId"] = group.ToString(),
            ["deviceAndAppManagementAssignmentFilterType"] = "none",
        },
    };
}
