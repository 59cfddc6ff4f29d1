using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// beta <c>/deviceManagement/deviceHealthScripts</c> (Intune Remediations): create, assign, and
/// <c>deviceRunStates</c> whose detection output is what the ticket probe prints. A device reports once it checked
/// in after the assignment: both tickets when the cloud-trust policy succeeded on it, its user is not privileged (the
/// Kerberos server's replication policy denies privileged users: CloudTgt YES, OnPremTgt NO) and no ticket fault of
/// its own holds it (off network, stale PRT, Remote Desktop, another domain, a GPO turning cloud trust off); the output
/// is what <see cref="TicketProbeDeviceOutput"/> writes.
/// </summary>
internal static class HealthScriptEndpoints
{
    private const string Root = "/deviceManagement/deviceHealthScripts";
    private const string CloudTrust = "device_vendor_msft_passportforwork_{tenantid}_policies_usecloudtrustforonpremauth";

    public static void Map(RouteGroupBuilder beta, SimulatedIntune intune)
    {
        beta.MapGet(Root, (HttpContext http) =>
        {
            List<SimulatedPolicy> all;
            lock (intune.Gate)
            {
                all = [.. intune.HealthScriptTable.Values.OrderBy(p => p.CreatedDateTime)];
            }

            return GraphResponses.Page(http, all, Describe, intune.Options);
        });

        beta.MapPost(Root, async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            var content = body?["detectionScriptContent"]?.GetValue<string>();
            if (body?["displayName"]?.GetValue<string>() is not { Length: > 0 } name || content is null)
            {
                return GraphResponses.BadRequest("displayName and detectionScriptContent are required.");
            }

            string script;
            string remediation;
            try
            {
                script = Encoding.UTF8.GetString(Convert.FromBase64String(content));
                remediation = Encoding.UTF8.GetString(Convert.FromBase64String(body["remediationScriptContent"]?.GetValue<string>() ?? string.Empty));
            }
            catch (FormatException)
            {
                return GraphResponses.BadRequest("detectionScriptContent and remediationScriptContent must be base64.");
            }

            var policy = intune.CreateHealthScript(name, body["runAsAccount"]?.GetValue<string>() ?? "system", script, body["description"]?.GetValue<string>() ?? string.Empty, remediation);
            return Results.Json(Describe(policy), SimulatorJson.Options, statusCode: 201);
        });

        beta.MapPost(Root + "/{id}/assign", async (HttpContext http, string id) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            if (AssignmentSet.ReadGroupTargets(body, "deviceHealthScriptAssignments") is not { } groups)
            {
                return GraphResponses.BadRequest("each assignment needs a target with a groupId.");
            }

            lock (intune.Gate)
            {
                if (!intune.HealthScriptTable.TryGetValue(id, out var script))
                {
                    return GraphResponses.NotFound($"deviceHealthScript {id}");
                }

                AssignmentSet.Replace(script.Assignments, groups, intune.Time.GetUtcNow());

                script.TargetCache = null;
            }

            return Results.NoContent();
        });

        beta.MapGet(Root + "/{id}/assignments", (HttpContext http, string id) =>
        {
            List<Guid> groups;
            lock (intune.Gate)
            {
                if (!intune.HealthScriptTable.TryGetValue(id, out var script))
                {
                    return GraphResponses.NotFound($"deviceHealthScript {id}");
                }

                groups = [.. script.Assignments.Keys];
            }

            return GraphResponses.Page(http, groups, g => new Dictionary<string, object>
            {
                ["id"] = $"{id}:{g}",
                ["target"] = new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.groupAssignmentTarget", ["groupId"] = g.ToString() },
                ["runRemediationScript"] = true,
                ["runSchedule"] = new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.deviceHealthScriptDailySchedule", ["interval"] = 1, ["time"] = "09:00:00", ["useUtc"] = false },
            }, intune.Options);
        });

        beta.MapGet(Root + "/{id}/deviceRunStates", (HttpContext http, string id) =>
        {
            SimulatedPolicy? deletion;
            lock (intune.Gate)
            {
                deletion = intune.HealthScriptTable.GetValueOrDefault(id) is { } found && HelloContainerDeletion.Deletes(found) ? found : null;
            }

            if (deletion is not null)
            {
                return ContainerDeletionRunStates(http, intune, deletion);
            }

            SimulatedPolicy? script;
            List<SimulatedPolicy> cloudTrustPolicies;
            lock (intune.Gate)
            {
                script = intune.HealthScriptTable.GetValueOrDefault(id);
                cloudTrustPolicies = [.. intune.PolicyTable.Values.Where(p => p.Choices().TryGetValue(CloudTrust, out var v) && v.EndsWith("_true", StringComparison.Ordinal))];
            }

            if (script is null)
            {
                return GraphResponses.NotFound($"deviceHealthScript {id}");
            }

            var now = intune.Time.GetUtcNow();
            var applied = new HashSet<SimulatedDevice>(ReferenceEqualityComparer.Instance);
            foreach (var policy in cloudTrustPolicies)
            {
                var requireTpm = DevicePolicyEvaluator.RequiresSecurityDevice(policy);
                foreach (var (device, at) in intune.Targets(policy))
                {
                    var since = at > policy.LastModifiedDateTime ? at : policy.LastModifiedDateTime;
                    if (DevicePolicyEvaluator.Evaluate(device, since, requireTpm, intune.FleetEpoch, intune.Options.CheckInInterval, now).State == PolicyDeviceState.Succeeded)
                    {
                        applied.Add(device);
                    }
                }
            }

            var reported = intune.Targets(script)
                .Select(t => (t.Device, At: DevicePolicyEvaluator.NextCheckIn(t.Device, t.AssignedAt, intune.FleetEpoch, intune.Options.CheckInInterval)))
                .Where(t => !t.Device.NeverChecksIn && t.At <= now)
                .ToList();
            return GraphResponses.Page(http, reported, t =>
            {
                var (output, works) = TicketProbeDeviceOutput.For(t.Device, applied.Contains(t.Device), intune.Options.UserDnsDomain, t.At);
                return new Dictionary<string, object>
                {
                    ["id"] = $"{id}:{t.Device.ManagedDeviceId}",
                    ["detectionState"] = works ? "success" : "fail",
                    ["preRemediationDetectionScriptOutput"] = output,
                    ["lastStateUpdateDateTime"] = t.At,
                    ["managedDevice"] = new Dictionary<string, object> { ["id"] = t.Device.ManagedDeviceId.ToString(), ["deviceName"] = t.Device.Name, ["azureADDeviceId"] = t.Device.AadDeviceId.ToString() },
                };
            }, intune.Options);
        });
    }

    /// <summary>
    /// Run states of a container-deletion script: once a device ran it, its user's container was deleted when they
    /// had one (detection found it, remediation succeeded), or there was nothing to delete.
    /// </summary>
    private static IResult ContainerDeletionRunStates(HttpContext http, SimulatedIntune intune, SimulatedPolicy script)
    {
        var now = intune.Time.GetUtcNow();
        var ran = intune.Targets(script)
            .Select(t => (t.Device, At: HelloContainerDeletion.RunsAt(intune, t.Device, t.AssignedAt)))
            .Where(t => t.At is { } at && at <= now)
            .ToList();
        return GraphResponses.Page(http, ran, t =>
        {
            var present = t.Device.User.HasWhfb;
            return new Dictionary<string, object>
            {
                ["id"] = $"{script.Id}:{t.Device.ManagedDeviceId}",
                ["detectionState"] = present ? "fail" : "success",
                ["remediationState"] = present ? "success" : "skipped",
                ["preRemediationDetectionScriptOutput"] = JsonSerializer.Serialize(new { probe = "cloudtrust-hello-container/1", present }),
                ["postRemediationDetectionScriptOutput"] = JsonSerializer.Serialize(new { probe = "cloudtrust-hello-container/1", present = false }),
                ["lastStateUpdateDateTime"] = t.At!.Value,
                ["managedDevice"] = new Dictionary<string, object> { ["id"] = t.Device.ManagedDeviceId.ToString(), ["deviceName"] = t.Device.Name, ["azureADDeviceId"] = t.Device.AadDeviceId.ToString() },
            };
        }, intune.Options);
    }

    private static object Describe(SimulatedPolicy p) => new Dictionary<string, object>
    {
        ["@odata.type"] = "#microsoft.graph.deviceHealthScript",
        ["id"] = p.Id,
        ["displayName"] = p.Name,
        ["description"] = p.ScriptDescription,
        ["publisher"] = "CloudTrust",
        ["runAsAccount"] = p.Technologies,
        ["createdDateTime"] = p.CreatedDateTime,
    };
}
