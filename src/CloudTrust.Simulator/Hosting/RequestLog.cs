using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CloudTrust.Simulator.Hosting;

/// <summary>
/// Writes every request the simulated tenant receives as one JSON line (time, method, path with query, status,
/// body), for debugging and for tests that check exactly what the product sent. Token requests and Key Vault secret writes are logged
/// without their bodies, since those carry client secrets.
/// </summary>
public sealed class RequestLog : IDisposable
{
    private readonly StreamWriter? writer;
    private readonly Lock gate = new();
    private readonly List<LoggedRequest> entries = [];
    private readonly TimeProvider time;

    /// <summary>Initializes a new instance of the <see cref="RequestLog"/> class.</summary>
    /// <param name="path">The JSON-lines file to append to, or null to keep entries in memory only.</param>
    /// <param name="time">The clock for entry timestamps.</param>
    public RequestLog(string? path, TimeProvider time)
    {
        this.time = time;
        if (path is not null)
        {
            writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8) { AutoFlush = true };
        }
    }

    /// <summary>Gets a copy of every entry so far.</summary>
    public IReadOnlyList<LoggedRequest> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>Middleware that records each request after it is answered.</summary>
    /// <param name="http">The request context.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task that completes when the request is answered and logged.</returns>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        string? body = null;
        var path = http.Request.Path.Value ?? string.Empty;
        var sensitive = path.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/secrets/", StringComparison.OrdinalIgnoreCase);
        if (!sensitive && http.Request.ContentLength is > 0 and < 1_000_000)
        {
            http.Request.EnableBuffering();
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8, leaveOpen: true);
            body = await reader.ReadToEndAsync(http.RequestAborted);
            http.Request.Body.Position = 0;
        }

        await next(http);
        var entry = new LoggedRequest(time.GetUtcNow(), http.Request.Method, http.Request.Path + http.Request.QueryString, http.Response.StatusCode, body);
        lock (gate)
        {
            entries.Add(entry);
            writer?.WriteLine(JsonSerializer.Serialize(entry, SimulatorJson.Options));
        }
    }

    /// <inheritdoc />
    public void Dispose() => writer?.Dispose();
}

/// <summary>One request the simulated tenant received.</summary>
/// <param name="At">When it was answered.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path with its query string.</param>
/// <param name="Status">The status code answered.</param>
/// <param name="Body">The request body, when there was one (never for token requests).</param>
public sealed record LoggedRequest(DateTimeOffset At, string Method, string Path, int Status, string? Body);
