using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using CloudTrust.Simulator.Hosting;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// <c>/beta/deviceManagement/configurationPolicies</c>: list, get, create, PATCH of the policy's own properties,
/// its settings listed, created, updated (PATCH) and deleted one by one (malformed settings answered 400, see
/// <see cref="CatalogSettingRules"/>), assignments, assign.
/// </summary>
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

        // Update deviceManagementConfigurationPolicy is PATCH with the policy's own properties
        // (learn.microsoft.com/graph/api/intune-deviceconfigv2-devicemanagementconfigurationpolicy-update); settings are
        // a navigation property, changed one by one through /settings (create, update, delete setting). No PUT.
        beta.MapPatch(Root + "/{id}", async (HttpContext http, string id) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (body is null)
            {
                return GraphResponses.BadRequest("a deviceManagementConfigurationPolicy body is required.");
            }

            if (body.ContainsKey("settings") || body.ContainsKey("assignments"))
            {
                return GraphResponses.BadRequest("settings and assignments are navigation properties and cannot be changed by PATCH on the policy.");
            }

            lock (intune.Gate)
            {
                if (!intune.PolicyTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"configurationPolicy {id}");
                }

                policy.Name = body["name"]?.GetValue<string>() ?? policy.Name;
                policy.Description = body["description"]?.GetValue<string>() ?? policy.Description;
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
                policy.EnsureSettingIds();
                settings = policy.Settings.Select((s, i) =>
                {
                    var copy = s!.DeepClone();
                    copy["id"] = policy.SettingIds[i];
                    return copy;
                }).ToList();
            }

            return GraphResponses.Page(http, settings, s => s, intune.Options);
        });

        beta.MapPost(Root + "/{id}/settings", async (HttpContext http, string id) =>
        {
            var (setting, refused) = await ReadSettingAsync(http);
            if (refused is not null)
            {
                return refused;
            }

            lock (intune.Gate)
            {
                if (!intune.PolicyTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"configurationPolicy {id}");
                }

                policy.EnsureSettingIds();
                var stored = (JsonObject)setting.DeepClone();
                stored.Remove("id");
                policy.Settings.Add(stored);
                policy.SettingIds.Add(Guid.NewGuid().ToString());
                policy.LastModifiedDateTime = intune.Time.GetUtcNow();
                var answer = stored.DeepClone();
                answer["id"] = policy.SettingIds[^1];
                return Results.Json(answer, SimulatorJson.Options, statusCode: 201);
            }
        });

        beta.MapPatch(Root + "/{id}/settings/{settingId}", async (HttpContext http, string id, string settingId) =>
        {
            var (setting, refused) = await ReadSettingAsync(http);
            if (refused is not null)
            {
                return refused;
            }

            lock (intune.Gate)
            {
                if (!intune.PolicyTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"configurationPolicy {id}");
                }

                policy.EnsureSettingIds();
                var index = policy.SettingIds.IndexOf(settingId);
                if (index < 0)
                {
                    return GraphResponses.NotFound($"setting {settingId} of configurationPolicy {id}");
                }

                var stored = (JsonObject)setting.DeepClone();
                stored.Remove("id");
                policy.Settings[index] = stored;
                policy.LastModifiedDateTime = intune.Time.GetUtcNow();
            }

            return Results.NoContent();
        });

        beta.MapDelete(Root + "/{id}/settings/{settingId}", (string id, string settingId) =>
        {
            lock (intune.Gate)
            {
                if (!intune.PolicyTable.TryGetValue(id, out var policy))
                {
                    return GraphResponses.NotFound($"configurationPolicy {id}");
                }

                policy.EnsureSettingIds();
                var index = policy.SettingIds.IndexOf(settingId);
                if (index < 0)
                {
                    return GraphResponses.NotFound($"setting {settingId} of configurationPolicy {id}");
                }

                policy.Settings.RemoveAt(index);
                policy.SettingIds.RemoveAt(index);
                policy.LastModifiedDateTime = intune.Time.GetUtcNow();
            }

            return Results.NoContent();
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

    /// <summary>Reads one setting of a settings-catalog policy from a request body, or the 400 Graph answers for it.</summary>
    private static async Task<(JsonObject Setting, IResult? Refused)> ReadSettingAsync(HttpContext http)
    {
        var setting = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        if (setting?["settingInstance"] is not JsonObject)
        {
            return (new JsonObject(), GraphResponses.BadRequest("settingInstance is required."));
        }

        return CatalogSettingRules.Problem(new JsonArray(setting.DeepClone())) is { } invalid
            ? (setting, GraphResponses.BadRequest(invalid))
            : (setting, null);
    }
}
