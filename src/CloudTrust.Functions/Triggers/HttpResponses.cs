using System.Net;
using System.Text;
using CloudTrust.Api;
using Microsoft.Azure.Functions.Worker.Http;

namespace CloudTrust.Functions.Triggers;

/// <summary>
/// Writes JSON answers and RFC 7807 problems in the host's one JSON shape (<see cref="ApiJson"/>). Shapes checked
/// against Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/Http: HttpRequestDataExtensions.cs
/// (CreateResponse(HttpStatusCode)) and HttpResponseDataExtensions.cs (WriteStringAsync(string, CancellationToken,
/// Encoding?)). WriteAsJsonAsync lost its HttpStatusCode overload in worker 2.x (#2720), so it is not used.
/// </summary>
internal static class HttpResponses
{
    public static async Task<HttpResponseData> JsonAsync(HttpRequestData request, HttpStatusCode status, object body, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(ApiJson.Serialize(body), cancellationToken, Encoding.UTF8);
        return response;
    }

    public static async Task<HttpResponseData> AcceptedAsync(HttpRequestData request, InstanceAccepted accepted, CancellationToken cancellationToken)
    {
        var response = await JsonAsync(request, HttpStatusCode.Accepted, accepted, cancellationToken);
        response.Headers.Add("Location", accepted.StatusUri.ToString());
        return response;
    }

    public static async Task<HttpResponseData> ProblemAsync(HttpRequestData request, ApiProblem problem, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse((HttpStatusCode)problem.Status);
        response.Headers.Add("Content-Type", ApiProblem.ContentType + "; charset=utf-8");
        await response.WriteStringAsync(ApiJson.Serialize(problem), cancellationToken, Encoding.UTF8);
        return response;
    }
}
