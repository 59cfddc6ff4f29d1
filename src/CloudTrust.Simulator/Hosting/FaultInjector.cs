using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CloudTrust.Simulator.Hosting;

/// <summary>
/// Injects failures into requests whose path starts with a prefix: at a rate (a seeded share of requests), or as an
/// outage (every request until a time on the tenant's clock). The failed request never reaches the service, so an
/// injected fault can never half-apply a write. Rules may change while the server runs.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<Rule> rules = [];
    private readonly Dictionary<string, DateTimeOffset> outages = new(StringComparer.Ordinal);
    private readonly Dictionary<FaultKind, int> injected = [];
    private readonly TimeProvider time;
    private readonly Random random;

    internal FaultInjector(TimeProvider time, int seed)
    {
        this.time = time;
        random = new Random(seed ^ 0x0FA017);
    }

    /// <summary>The status the request log records for a reset connection (nothing was answered).</summary>
    public const int ResetStatus = 499;

    /// <summary>Gets or sets the <c>Retry-After</c> seconds sent with 429 and 503 answers.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Fails a share of the requests under a path prefix with one kind of fault; a rate of 0 removes the rule.</summary>
    /// <param name="pathPrefix">For example <c>/beta/</c>, <c>/v1.0/</c> or <c>/secrets/</c>.</param>
    /// <param name="kind">The fault.</param>
    /// <param name="rate">The share of requests, 0 to 1.</param>
    public void Inject(string pathPrefix, FaultKind kind, double rate)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (gate)
        {
            rules.RemoveAll(r => r.Prefix == pathPrefix && r.Kind == kind);
            if (rate > 0)
            {
                rules.Add(new Rule(pathPrefix, kind, rate));
            }
        }
    }

    /// <summary>Answers every request under a prefix with 503 until the given time on the tenant's clock.</summary>
    /// <param name="pathPrefix">The prefix.</param>
    /// <param name="duration">How long, on the tenant's clock.</param>
    public void Outage(string pathPrefix, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        lock (gate)
        {
            outages[pathPrefix] = time.GetUtcNow() + duration;
        }
    }

    /// <summary>Removes every rule and outage.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            outages.Clear();
        }
    }

    /// <summary>Returns how many faults of a kind were injected so far.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public int Injected(FaultKind kind)
    {
        lock (gate)
        {
            return injected.GetValueOrDefault(kind);
        }
    }

    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var fault = Choose(context.Request.Path.Value ?? string.Empty);
        if (fault is null)
        {
            await next(context);
            return;
        }

        switch (fault.Value)
        {
            case FaultKind.ConnectionReset:
                // Logged as 499 (client closed request, by convention) so the request log never counts it as answered.
                context.Response.StatusCode = ResetStatus;
                context.Abort();
                return;
            case FaultKind.GatewayTimeout:
                await WriteAsync(context, 504, "GatewayTimeout", "The gateway did not receive a timely response.", retryAfter: false);
                return;
            case FaultKind.ServiceUnavailable:
                await WriteAsync(context, 503, "ServiceUnavailable", "The service is temporarily unavailable.", retryAfter: true);
                return;
            default:
                await WriteAsync(context, 429, "TooManyRequests", "Too many requests; retry after the time in Retry-After.", retryAfter: true);
                return;
        }
    }

    private FaultKind? Choose(string path)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            foreach (var (prefix, until) in outages)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal) && now < until)
                {
                    return Count(FaultKind.ServiceUnavailable);
                }
            }

            foreach (var rule in rules)
            {
                if (path.StartsWith(rule.Prefix, StringComparison.Ordinal) && random.NextDouble() < rule.Rate)
                {
                    return Count(rule.Kind);
                }
            }

            return null;
        }
    }

    private FaultKind Count(FaultKind kind)
    {
        injected[kind] = injected.GetValueOrDefault(kind) + 1;
        return kind;
    }

    private async Task WriteAsync(HttpContext context, int status, string code, string message, bool retryAfter)
    {
        context.Response.StatusCode = status;
        if (retryAfter)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }), context.RequestAborted);
    }

    private sealed record Rule(string Prefix, FaultKind Kind, double Rate);
}
