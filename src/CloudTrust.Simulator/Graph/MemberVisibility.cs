namespace CloudTrust.Simulator.Graph;

/// <summary>
/// What Graph shows of a group member to an app: everything when the app may read the member's type, else only
/// <c>@odata.type</c> and <c>id</c> with every other property null ("Limited information returned for inaccessible
/// member objects", https://learn.microsoft.com/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects;
/// the group-list-members page: devices are readable with Device.Read.All or Directory.Read.All).
/// </summary>
internal static class MemberVisibility
{
    private static readonly string[] DeviceReaders = ["Device.Read.All", "Device.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

    /// <summary>Gets whether an app holding <paramref name="permissions"/> may read device members.</summary>
    public static bool CanReadDevices(IReadOnlySet<string> permissions) => DeviceReaders.Any(permissions.Contains);

    /// <summary>A device as a member: in full, or limited when the app may not read devices.</summary>
    public static Dictionary<string, object?> Device(SimulatedDevice d, IReadOnlySet<string> permissions)
    {
        var full = CanReadDevices(permissions);
        return new Dictionary<string, object?>
        {
            ["@odata.type"] = "#microsoft.graph.device",
            ["id"] = d.ObjectId.ToString(),
            ["deviceId"] = full ? d.AadDeviceId.ToString() : null,
            ["displayName"] = full ? d.Name : null,
            ["operatingSystem"] = full ? "Windows" : null,
        };
    }
}
