using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// v1.0 reads: <c>/groups/{id}/members</c> (devices), <c>/groups/{id}/transitiveMembers/microsoft.graph.device</c>
/// (both limited to <c>id</c> and <c>@odata.type</c> for an app that may not read devices, see
/// <see cref="MemberVisibility"/>) and <c>/reports/authenticationMethods/userRegistrationDetails</c>, all paged with
/// <c>@odata.nextLink</c>.
/// </summary>
internal static class DirectoryEndpoints
{
    public static void Map(RouteGroupBuilder v1, SimulatedIntune intune)
    {
        v1.MapGet("/groups/{id}/members", (HttpContext http, string id) =>
            Guid.TryParse(id, out var groupId) && intune.TryGetGroup(groupId, out var members)
                ? GraphResponses.Page(http, members, d => MemberVisibility.Device(d, intune.Options.ApplicationPermissions), intune.Options)
                : GraphResponses.NotFound($"group {id}"));

        // The documented cast (v1.0 "List group transitive members", OData cast to microsoft.graph.device): only the
        // device members, nested groups' included (this fleet has none). Graph gives an app without Device.Read.All
        // only id and @odata.type for each ("limited information"); the fault shows that answer.
        // The cast may be namespace-qualified or alias-qualified (the CSDL's Schema Namespace="microsoft.graph"
        // Alias="graph"); Microsoft's .NET SDK sends the alias form, graph.device.
        foreach (var cast in new[] { "microsoft.graph.device", "graph.device" })
        {
            MapDeviceMembers(v1, intune, $"/groups/{{id}}/transitiveMembers/{cast}");
        }

        v1.MapGet("/reports/authenticationMethods/userRegistrationDetails", (HttpContext http) =>
        {
            List<SimulatedDevice> devices;
            lock (intune.Gate)
            {
                devices = [.. intune.Devices];
            }

            var now = intune.Time.GetUtcNow();
            var deleted = HelloContainerDeletion.DeletedBy(intune, now);
            var registeredBefore = intune.FleetEpoch - TimeSpan.FromDays(30);
            var rows = devices.Select(d => (d.User, Updated: deleted.TryGetValue(d, out var at) && HelloContainerDeletion.ReprovisionedAt(intune, d, at) is { } again && again <= now ? again : registeredBefore)).ToList();
            return GraphResponses.Page(http, rows, r => new Dictionary<string, object>
            {
                ["lastUpdatedDateTime"] = r.Updated,
                ["id"] = r.User.Id.ToString(),
                ["userPrincipalName"] = r.User.UserPrincipalName,
                ["userDisplayName"] = r.User.UserPrincipalName.Split('@')[0],
                ["userType"] = "member",
                ["isAdmin"] = r.User.IsAdmin,
                ["isMfaRegistered"] = r.User.IsMfaRegistered,
                ["isMfaCapable"] = r.User.IsMfaRegistered,
                ["methodsRegistered"] = r.User.HasWhfb ? new[] { "microsoftAuthenticatorPush", "windowsHelloForBusiness" } : r.User.IsMfaRegistered ? new[] { "microsoftAuthenticatorPush" } : Array.Empty<string>(),
            }, intune.Options);
        });
    }

    private static void MapDeviceMembers(RouteGroupBuilder v1, SimulatedIntune intune, string route)
        => v1.MapGet(route, (HttpContext http, string id) =>
            Guid.TryParse(id, out var groupId) && intune.TryGetGroup(groupId, out var members)
                ? GraphResponses.Page(http, members, d => intune.Options.Faults.DeviceMembersWithoutProperties || !MemberVisibility.CanReadDevices(intune.Options.ApplicationPermissions)
                    ? MemberVisibility.Device(d, new HashSet<string>())
                    : GraphResponses.WithExtras(intune.Options, new Dictionary<string, object?>
                    {
                        ["@odata.type"] = "#microsoft.graph.device",
                        ["id"] = d.ObjectId.ToString(),
                        ["deviceId"] = d.AadDeviceId.ToString(),
                        ["displayName"] = d.Name,
                        ["operatingSystem"] = "Windows",
                        ["trustType"] = d.JoinType == "hybridAzureADJoined" ? "ServerAd" : "AzureAd",
                    }), intune.Options)
                : GraphResponses.NotFound($"group {id}"));
}
