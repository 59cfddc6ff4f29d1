using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Http;

/// <summary>
/// Sends a request again when the connection fails before any answer (reset, refused, closed mid-response), but
/// only when repeating it is safe: the SDKs' retry handlers react to status codes (429, 503, 504) and never see a
/// reset. A request that is not safe to repeat surfaces the failure, and the activity — which is idempotent as a
/// whole — is retried by the workflow instead.
/// </summary>
public sealed class TransientConnectionRetryHandler : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, bool> safeToRepeat;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <summary>Initializes a new instance of the <see cref="TransientConnectionRetryHandler"/> class.</summary>
    /// <param name="safeToRepeat">Says whether a request may be sent twice with the same effect.</param>
    /// <param name="time">The clock the back-off waits on.</param>
    /// <param name="logger">Where retries are logged (method and path only).</param>
    public TransientConnectionRetryHandler(Func<HttpRequestMessage, bool> safeToRepeat, TimeProvider time, ILogger logger)
    {
        this.safeToRepeat = safeToRepeat;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Gets the most attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Gets the wait before the second attempt; it doubles after each failure.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!safeToRepeat(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts && IsConnectionFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Connection failed on {Method} {Path} (attempt {Attempt} of {MaxAttempts}); sending again", request.Method, request.RequestUri?.AbsolutePath, attempt, MaxAttempts);
                await Task.Delay(delay, time, cancellationToken);
                delay += delay;
            }
        }
    }

    private static bool IsConnectionFailure(HttpRequestException ex)
        => ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded or HttpRequestError.SecureConnectionError
           || ex.InnerException is IOException or SocketException;
}
