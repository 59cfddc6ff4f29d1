using System.Globalization;
using Microsoft.AspNetCore.Http;
using CloudTrust.Simulator.Hosting;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// Runs before every simulated Graph request: checks the bearer token (issued for https://graph.microsoft.com)
/// and, at the configured rate, answers 429 or 503 with <c>Retry-After</c> as Graph throttling does.
/// </summary>
internal sealed class GraphGuard(SimulatedTenantServer tenant, SimulatedGraphOptions options)
{
    private readonly Random random = new(options.Seed ^ 0x5A5A);
    private readonly Lock gate = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (tenant.Entra.Validate(http.Request.Headers.Authorization.ToString(), "https://graph.microsoft.com") is null)
        {
            return GraphResponses.Error(401, "InvalidAuthenticationToken", "Access token is empty, expired or not for Microsoft Graph.");
        }

        bool throttle;
        bool unavailable;
        lock (gate)
        {
            throttle = options.ThrottleRate > 0 && random.NextDouble() < options.ThrottleRate;
            unavailable = random.NextDouble() < options.ServiceUnavailableShare;
        }

        if (throttle)
        {
            http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return unavailable
                ? GraphResponses.Error(503, "ServiceUnavailable", "The service is temporarily unavailable.")
                : GraphResponses.Error(429, "TooManyRequests", "Too many requests; retry after the time in Retry-After.");
        }

        return await next(context);
    }
}
