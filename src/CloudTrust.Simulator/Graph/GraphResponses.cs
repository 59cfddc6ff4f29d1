using System.Globalization;
using Microsoft.AspNetCore.Http;
using CloudTrust.Simulator.Hosting;

namespace CloudTrust.Simulator.Graph;

/// <summary>Graph's response shapes: error bodies and OData collection pages with <c>@odata.nextLink</c>.</summary>
internal static class GraphResponses
{
    public static IResult Error(int status, string code, string message)
        => Results.Json(new { error = new { code, message, innerError = new { date = DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture) } } }, SimulatorJson.Options, statusCode: status);

    public static IResult NotFound(string what) => Error(404, "ResourceNotFound", $"{what} was not found.");

    public static IResult BadRequest(string message) => Error(400, "BadRequest", message);

    /// <summary>Adds properties no client asks for, when the <see cref="GraphResponseFaults.ExtraProperties"/> fault is on.</summary>
    public static Dictionary<string, object?> WithExtras(SimulatedGraphOptions options, Dictionary<string, object?> item)
    {
        if (options.Faults.ExtraProperties)
        {
            item["createdDateTime"] = "2026-01-01T00:00:00Z";
            item["x-simulator-unasked"] = new Dictionary<string, object> { ["nested"] = new[] { 1, 2, 3 } };
        }

        return item;
    }

    /// <summary>Answers one page of <paramref name="items"/>, honouring <c>$top</c> and our opaque <c>$skiptoken</c>.</summary>
    public static IResult Page<T>(HttpContext http, IReadOnlyList<T> items, Func<T, object> project, SimulatedGraphOptions options)
    {
        var query = http.Request.Query;
        var top = int.TryParse(query["$top"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? Math.Clamp(t, 1, options.MaxPageSize) : options.DefaultPageSize;
        var skip = int.TryParse(query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var page = new List<object>(Math.Min(top, Math.Max(0, items.Count - skip)));
        for (var i = skip; i < items.Count && i < skip + top; i++)
        {
            page.Add(project(items[i]));
        }

        var body = new Dictionary<string, object> { ["value"] = page };
        if (skip + top < items.Count)
        {
            var rest = string.Join('&', query.Where(q => q.Key != "$skiptoken").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));
            var separator = rest.Length == 0 ? string.Empty : "&";
            body["@odata.nextLink"] = string.Create(CultureInfo.InvariantCulture, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}?{rest}{separator}$skiptoken={skip + top}");
        }

        return Results.Json(body, SimulatorJson.Options);
    }
}
