using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Relay;
using CloudTrust.Integrations.Http;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.Logging;
using CloudTrust.Core.Validation;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// Sends Kerberos operations to the on-premises agent through an Azure Relay hybrid connection: an HTTPS POST to
/// <c>{relay}/{hybrid connection}/kerberos/v1</c> with a SAS token built from the Send rule's key and a request
/// signature made with the shared signing key (both read from Key Vault). Each attempt has a timeout; only
/// idempotent operations are tried again after a transport failure; answers become typed <see cref="RelayOutcome"/>s.
/// </summary>
public sealed partial class RelaySender : IDisposable
{
    /// <summary>The path, relative to the hybrid connection, the agent serves operations on.</summary>
    public const string OperationsPath = "/kerberos/v1";

    private readonly HttpClient http;
    private readonly KeyVaultSecretCache secrets;
    private readonly RelaySenderOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <summary>Initializes a new instance of the <see cref="RelaySender"/> class.</summary>
    /// <param name="options">Where the relay is.</param>
    /// <param name="secrets">Where the Send key and the signing key come from.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RelaySender(RelaySenderOptions options, KeyVaultSecretCache secrets, TimeProvider time, ILogger<RelaySender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options;
        this.secrets = secrets;
        this.time = time;
        this.logger = logger;
        http = new HttpClient(PinnedCertificateHandler.Create(options.PinnedCertificate)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends one operation and waits for its answer.</summary>
    /// <param name="request">The operation.</param>
    /// <param name="cancellationToken">Cancels the whole exchange.</param>
    /// <returns>The typed outcome.</returns>
    public async Task<RelayOutcome> SendAsync(KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = KerberosOperationValidator.Validate(request);
        if (errors.Count > 0)
        {
            var refused = KerberosOperationResult.Failure(request, KerberosErrorCodes.InvalidRequest, string.Join("; ", errors)) with { ValidationErrors = errors };
            return new RelayOutcome(RelayOutcomeKind.Refused, refused, KerberosErrorCodes.InvalidRequest, refused.ErrorMessage, 0);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(request, KerberosJson.Options);
        var maxAttempts = KerberosOperations.IsIdempotent(request.Operation) ? Math.Max(1, options.MaxAttempts) : 1;
        var refreshedKeys = false;
        string lastProblem = "not attempted";
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                var delay = TimeSpan.FromTicks(options.FirstRetryDelay.Ticks * (1L << Math.Min(attempt - 2, 10)));
                LogRetrying(request.Operation, attempt, delay.TotalMilliseconds, lastProblem);
                await Task.Delay(delay, time, cancellationToken);
            }

            var answer = await TryOnceAsync(request.Operation, body, cancellationToken);
            switch (answer)
            {
                case { Result: { ErrorCode: KerberosErrorCodes.Unauthenticated } } when !refreshedKeys:
                case { Status: HttpStatusCode.Unauthorized, Result: null } when !refreshedKeys:
                    // The signing key or the Send key may have been rotated: read both again once, then try again.
                    refreshedKeys = true;
                    await secrets.RefreshAsync(options.SigningKeySecretName, cancellationToken);
                    await secrets.RefreshAsync(options.SendKeySecretName, cancellationToken);
                    attempt--;
                    continue;
                case { Status: HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout }:
                    // The relay or the agent could not serve it now (no listener, dropped channel, vault down): retry if safe.
                    lastProblem = answer.Problem ?? $"HTTP {(int?)answer.Status}";
                    break;
                case { Result: { } result } when answer.Status is HttpStatusCode.OK:
                    return new RelayOutcome(RelayOutcomeKind.Answered, result, result.ErrorCode, result.ErrorMessage, attempt);
                case { Result: { } result }:
                    return new RelayOutcome(RelayOutcomeKind.Refused, result, result.ErrorCode ?? KerberosErrorCodes.InvalidRequest, result.ErrorMessage, attempt);
                case { Status: HttpStatusCode.Unauthorized }:
                    return new RelayOutcome(RelayOutcomeKind.Refused, null, KerberosErrorCodes.Unauthenticated, "the relay refused the Send token", attempt);
                case { Status: HttpStatusCode.Forbidden, Result: null }:
                    // The relay's 403: the token is genuine but not for this hybrid connection or lacks Send; retrying cannot help.
                    return new RelayOutcome(RelayOutcomeKind.Refused, null, KerberosErrorCodes.Unauthenticated, "the relay refused the Send token for this hybrid connection (403)", attempt);
                case { Status: HttpStatusCode.RequestEntityTooLarge, Result: null }:
                    return new RelayOutcome(RelayOutcomeKind.Refused, null, KerberosErrorCodes.InvalidRequest, "the relay refused the request as too large (413)", attempt);
                default:
                    lastProblem = answer.Problem ?? $"HTTP {(int?)answer.Status}";
                    break;
            }
        }

        LogUnavailable(request.Operation, maxAttempts, lastProblem);
        return new RelayOutcome(RelayOutcomeKind.Unavailable, null, KerberosErrorCodes.RelayUnavailable, lastProblem, maxAttempts);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task<Answer> TryOnceAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(options.AttemptTimeout);
        try
        {
            using var message = await BuildAsync(body, attemptTimeout.Token);
            using var response = await http.SendAsync(message, attemptTimeout.Token);
            var content = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token);
            LogAnswered(operation, (int)response.StatusCode);
            return new Answer(response.StatusCode, TryReadResult(content), response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} from the relay");
        }
        catch (HttpRequestException ex)
        {
            return new Answer(null, null, "the relay could not be reached: " + ex.HttpRequestError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer(null, null, $"no answer within {options.AttemptTimeout.TotalSeconds:0.#} s");
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(byte[] body, CancellationToken cancellationToken)
    {
        var sendKey = await secrets.GetAsync(options.SendKeySecretName, cancellationToken);
        var signingKey = await secrets.GetAsync(options.SigningKeySecretName, cancellationToken);
        var resource = SharedAccessSignature.ResourceFor(options.RelayAddress, options.HybridConnectionName);
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var nonce = RequestSignature.NewNonce();
        var signature = RequestSignature.Compute(Convert.FromBase64String(signingKey.Reveal()), "POST", OperationsPath, body, timestamp, nonce);

        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(options.RelayAddress, options.HybridConnectionName + OperationsPath))
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.TryAddWithoutValidation("ServiceBusAuthorization", SharedAccessSignature.Create(resource, options.SendRuleName, sendKey.Reveal(), now + options.TokenLifetime));
        message.Headers.Add(RequestSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add(RequestSignature.NonceHeader, nonce);
        message.Headers.Add(RequestSignature.SignatureHeader, signature);
        return message;
    }

    private static KerberosOperationResult? TryReadResult(byte[] content)
    {
        try
        {
            var result = content.Length == 0 ? null : JsonSerializer.Deserialize<KerberosOperationResult>(content, KerberosJson.Options);
            return result is { Operation: not null } ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "relay answered {Operation} with HTTP {Status}")]
    private partial void LogAnswered(string operation, int status);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "retrying {Operation} (attempt {Attempt}) in {DelayMs} ms: {Problem}")]
    private partial void LogRetrying(string operation, int attempt, double delayMs, string problem);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "{Operation} not delivered after {Attempts} attempt(s): {Problem}")]
    private partial void LogUnavailable(string operation, int attempts, string problem);

    private sealed record Answer(HttpStatusCode? Status, KerberosOperationResult? Result, string? Problem);
}
