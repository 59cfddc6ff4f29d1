using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// v1.0 reads: <c>/groups/{id}/members</c> (devices, limited to <c>id</c> and <c>@odata.type</c> for an app that may
/// not read devices, see <see cref="MemberVisibility"/>), <c>/deviceManagement/managedDevices</c> and
/// <c>/reports/authenticationMethods/userRegistrationDetails</c>, all paged with <c>@odata.nextLink</c>.
/// </summary>
internal static class DirectoryEndpoints
{
    public static void Map(RouteGroupBuilder v1, SimulatedIntune intune)
    {
        v1.MapGet("/groups/{id}/members", (HttpContext http, string id) =>
            Guid.TryParse(id, out var groupId) && intune.TryGetGroup(groupId, out var members)
                ? GraphResponses.Page(http, members, d => MemberVisibility.Device(d, intune.Options.ApplicationPermissions), intune.Options)
                : GraphResponses.NotFound($"group {id}"));

        v1.MapGet("/deviceManagement/managedDevices", (HttpContext http) =>
        {
            List<SimulatedDevice> all;
            lock (intune.Gate)
            {
                all = [.. intune.Devices];
            }

            var now = intune.Time.GetUtcNow();
            return GraphResponses.Page(http, all, d => new Dictionary<string, object?>
            {
                ["@odata.type"] = "#microsoft.graph.managedDevice",
                ["id"] = d.ManagedDeviceId.ToString(),
                ["deviceName"] = d.Name,
                ["azureADDeviceId"] = d.AadDeviceId.ToString(),
                ["operatingSystem"] = "Windows",
                ["osVersion"] = d.OsVersion,
                ["skuFamily"] = d.SkuFamily,
                ["joinType"] = d.JoinType,
                ["userId"] = d.User.Id.ToString(),
                ["userPrincipalName"] = d.User.UserPrincipalName,
                ["lastSyncDateTime"] = DevicePolicyEvaluator.LastCheckIn(d, intune.FleetEpoch, intune.Options.CheckInInterval, now)
                    ?? intune.FleetEpoch - TimeSpan.FromDays(60),
            }, intune.Options);
        });

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
}
