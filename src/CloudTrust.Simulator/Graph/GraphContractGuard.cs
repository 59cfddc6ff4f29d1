using System.Collections.Concurrent;
using System.Globalization;
using CloudTrust.Simulator.Graph.Contract;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// Holds every authenticated <c>/v1.0</c> and <c>/beta</c> request to Graph's published metadata before any endpoint
/// sees it (<see cref="GraphContract"/>): a request naming a segment, property, parameter, type or enum value the
/// metadata lacks is answered as Graph answers it, 400 <c>BadRequest</c> with the message naming it, unless
/// <see cref="KnownContractViolations"/> tolerates it for now. With an answer log it also checks each successful JSON
/// answer (an entity, or a collection's <c>value</c>) against the type the path resolves to, so the simulator is seen
/// to answer only with what the metadata has.
/// </summary>
internal sealed class GraphContractGuard(SimulatedTenantServer tenant, ConcurrentQueue<string>? answerViolations)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (!(path.StartsWith("/v1.0/", StringComparison.Ordinal) || path.StartsWith("/beta/", StringComparison.Ordinal))
            || tenant.Entra.Validate(http.Request.Headers.Authorization.ToString(), "https://graph.microsoft.com") is null)
        {
            await next(http);
            return;
        }

        string? body = null;
        if (http.Request.ContentLength is > 0 || (http.Request.ContentLength is null && http.Request.Method is "POST" or "PUT" or "PATCH"))
        {
            http.Request.EnableBuffering();
            using var reader = new StreamReader(http.Request.Body, leaveOpen: true);
            body = await reader.ReadToEndAsync(http.RequestAborted);
            http.Request.Body.Position = 0;
        }

        var refused = GraphContract.Check(http.Request.Method, path + http.Request.QueryString, body)
            .FirstOrDefault(v => KnownContractViolations.Tolerating(http.Request.Method, path, v) is null);
        if (refused is null)
        {
            if (answerViolations is null)
            {
                await next(http);
            }
            else
            {
                await CheckAnswerAsync(http, next, path);
            }

            return;
        }

        var requestId = Guid.NewGuid().ToString();
        http.Response.StatusCode = 400;
        http.Response.Headers["request-id"] = requestId;
        await http.Response.WriteAsJsonAsync(
            new
            {
                error = new
                {
                    code = "BadRequest",
                    message = refused.Message,
                    innerError = new Dictionary<string, string>
                    {
                        ["date"] = tenant.Time.GetUtcNow().UtcDateTime.ToString("s", CultureInfo.InvariantCulture),
                        ["request-id"] = requestId,
                        ["client-request-id"] = http.Request.Headers["client-request-id"].ToString() is { Length: > 0 } client ? client : requestId,
                    },
                },
            },
            SimulatorJson.Options,
            http.RequestAborted);
    }

    private async Task CheckAnswerAsync(HttpContext http, RequestDelegate next, string path)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        if (http.Response.StatusCode is >= 200 and < 300 && buffer.Length > 0)
        {
            foreach (var violation in GraphAnswer.Check(path, buffer.ToArray()))
            {
                if (KnownContractViolations.Tolerating(http.Request.Method, path, violation) is null)
                {
                    answerViolations!.Enqueue($"{http.Request.Method} {path}: {violation.Message}");
                }
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }
}
