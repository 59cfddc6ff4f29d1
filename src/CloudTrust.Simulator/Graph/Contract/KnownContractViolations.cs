using System.Text.RegularExpressions;

namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// The product's requests known to break Graph's published metadata, tolerated until a fix lands. Each entry names the
/// request and the name it sends; the simulator lets exactly these through and the conformance test fails on any other
/// violation, and on an entry no request needs any more. Empty since issue 16's fixes merged (the v1.0 managedDevice
/// reads of skuFamily/joinType moved to beta; ring devices come from the documented device cast). Add nothing here to
/// make a new request pass.
/// </summary>
public static class KnownContractViolations
{
    /// <summary>Gets the tolerated violations.</summary>
    public static IReadOnlyList<KnownContractViolation> All { get; } = [];

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
}

/// <summary>One tolerated violation.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request paths (query excluded) it applies to.</param>
/// <param name="Name">The name the request sends that the metadata lacks.</param>
/// <param name="Issue">The issue item that fixes it.</param>
public sealed record KnownContractViolation(string Method, Regex Path, string Name, string Issue);
