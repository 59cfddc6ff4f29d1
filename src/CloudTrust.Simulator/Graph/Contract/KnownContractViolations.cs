using System.Text.RegularExpressions;

namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// The product's requests known to break Graph's published metadata, tolerated until the fix lands (issue 16, Build
/// item 1, on the <c>graph-requests</c> branch). Each entry names the request and the name it sends; the simulator lets
/// exactly these through and the conformance test fails on any other violation, and on an entry no request needs
/// any more, so this list is emptied when the fix merges. Add nothing here to make a new request pass.
/// </summary>
public static partial class KnownContractViolations
{
    /// <summary>Gets the tolerated violations.</summary>
    public static IReadOnlyList<KnownContractViolation> All { get; } =
    [
        new("GET", FleetDevices(), "skuFamily", "issue 16, Build item 1: managedDevice has no skuFamily in v1.0 (beta only); FleetReadinessReader"),
        new("GET", FleetDevices(), "joinType", "issue 16, Build item 1: managedDevice has no joinType in v1.0 (beta only); FleetReadinessReader"),
        new("GET", GroupMembers(), "deviceId", "issue 16, Build item 1: deviceId is on device, not directoryObject; GroupDeviceIds should read /members/microsoft.graph.device"),
    ];

    /// <summary>Finds the entry that tolerates <paramref name="violation"/> of a request, if any.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path without its query.</param>
    /// <param name="violation">The violation.</param>
    /// <returns>The entry, or null.</returns>
    public static KnownContractViolation? Tolerating(string method, string path, ContractViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return All.FirstOrDefault(k => k.Method == method && k.Name == violation.Name && k.Path.IsMatch(path));
    }

    [GeneratedRegex(@"^/v1\.0/deviceManagement/managedDevices$")]
    private static partial Regex FleetDevices();

    [GeneratedRegex(@"^/v1\.0/groups/[^/]+/members$")]
    private static partial Regex GroupMembers();
}

/// <summary>One tolerated violation.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request paths (query excluded) it applies to.</param>
/// <param name="Name">The name the request sends that the metadata lacks.</param>
/// <param name="Issue">The issue item that fixes it.</param>
public sealed record KnownContractViolation(string Method, Regex Path, string Name, string Issue);
