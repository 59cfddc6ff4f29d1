using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// Checks one Graph request against the vendored metadata: the path (entity sets, singletons, keys, navigation,
/// casts, bound operations), the names in <c>$select</c>, <c>$expand</c>, <c>$orderby</c> and <c>$filter</c>, and the
/// body (properties, <c>@odata.type</c> values, enum values, action parameters).
/// </summary>
public static class GraphContract
{
    /// <summary>Checks a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path from <c>/v1.0/…</c> or <c>/beta/…</c>, with its query string.</param>
    /// <param name="body">The body, or null.</param>
    /// <returns>Every violation found (empty when the request conforms); the path's first violation stops the rest.</returns>
    public static IReadOnlyList<ContractViolation> Check(string method, string pathAndQuery, string? body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? pathAndQuery : pathAndQuery[..split];
        var query = QueryHelpers.ParseQuery(split < 0 ? string.Empty : pathAndQuery[split..]);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count == 0 || segments[0] is not ("v1.0" or "beta"))
        {
            return [new ContractViolation(segments.FirstOrDefault() ?? string.Empty, "path", "Graph serves only /v1.0 and /beta.")];
        }

        var model = CsdlModel.For(segments[0]);
        var resolved = GraphPathResolver.Resolve(model, segments[1..], out var pathViolation);
        if (pathViolation is not null)
        {
            return [pathViolation];
        }

        var violations = new List<ContractViolation>();
        if (resolved.Type is { } type && model.Find(type) is not null)
        {
            foreach (var (option, value) in query)
            {
                violations.AddRange(option switch
                {
                    "$select" => QueryOptionNames.Select(model, type, value.ToString()),
                    "$expand" => QueryOptionNames.Expand(model, type, value.ToString()),
                    "$orderby" => QueryOptionNames.OrderBy(model, type, value.ToString()),
                    "$filter" => QueryOptionNames.Filter(model, type, value.ToString()),
                    _ => [],
                });
            }
        }

        if (string.IsNullOrWhiteSpace(body) || method is not ("POST" or "PATCH" or "PUT"))
        {
            return violations;
        }

        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return [.. violations, new ContractViolation("body", "body", "The request body is not JSON.")];
        }

        if (payload is null)
        {
            return violations;
        }

        if (resolved.Operation is { } operation)
        {
            violations.AddRange(PayloadNames.Parameters(model, operation, payload));
        }
        else if (resolved.Type is { } target && (resolved.IsCollection ? method == "POST" : method != "POST"))
        {
            violations.AddRange(PayloadNames.Value(model, target, payload));
        }

        return violations;
    }
}
