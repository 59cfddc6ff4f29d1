using System.Net;
using System.Text.Json;
using CloudTrust.Api;
using Microsoft.Azure.Functions.Worker.Http;

namespace CloudTrust.Functions.Triggers;

/// <summary>Writes JSON answers and RFC 7807 problems (HttpRequestData helpers: Microsoft.Azure.Functions.Worker.Http).</summary>
internal static class HttpResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HttpResponseData> JsonAsync(HttpRequestData request, HttpStatusCode status, object body)
    {
        var response = request.CreateResponse(status);
        await response.WriteAsJsonAsync(body, status);
        return response;
    }

    public static async Task<HttpResponseData> ProblemAsync(HttpRequestData request, ApiProblem problem)
    {
        var response = request.CreateResponse((HttpStatusCode)problem.Status);
        response.Headers.Add("Content-Type", ApiProblem.ContentType);
        await response.WriteStringAsync(JsonSerializer.Serialize(problem, Json));
        return response;
    }
}
