using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudTrust.Simulator.Graph.Contract;

/// <summary>
/// Checks a Graph answer's JSON against the type its request path resolves to: a single entity, or each item of a
/// collection's <c>value</c>; properties, <c>@odata.type</c> and enum values as <see cref="PayloadNames"/> reads them.
/// An operation returning an untyped stream (the Intune reports) is not checked.
/// </summary>
public static class GraphAnswer
{
    /// <summary>Checks one answer.</summary>
    /// <param name="path">The request path (<c>/v1.0/…</c> or <c>/beta/…</c>), without its query.</param>
    /// <param name="json">The answer's body.</param>
    /// <returns>Violations, if any.</returns>
    public static IReadOnlyList<ContractViolation> Check(string path, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count < 2 || segments[0] is not ("v1.0" or "beta"))
        {
            return [];
        }

        var model = CsdlModel.For(segments[0]);
        var resolved = GraphPathResolver.Resolve(model, segments[1..], out var violation);
        if (violation is not null || resolved.Type is not { } type || model.Find(type) is null)
        {
            return [];
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return [new ContractViolation("body", "answer", "The answer is not JSON.")];
        }

        if (body is null)
        {
            return [];
        }

        var items = resolved.IsCollection && body["value"] is JsonArray value ? value.OfType<JsonObject>() : [body];
        return [.. items.SelectMany(item => PayloadNames.Value(model, type, item))];
    }
}
