using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// Sends one agent operation and returns the part of the answer it is sent for. An unreachable agent throws
/// <see cref="RelayUnavailableException"/> (retryable); a refused or failed operation, or an answer without that part,
/// throws <see cref="KerberosOperationFailedException"/> naming the operation, the domain and the error code.
/// </summary>
internal static class RelayAnswer
{
    /// <param name="sender">The relay sender.</param>
    /// <param name="request">The operation.</param>
    /// <param name="part">Picks the wanted part of a successful answer (null when the answer lacks it).</param>
    /// <param name="missing">What the error says when the answer lacks the part, for example <c>no server object in the answer</c>.</param>
    /// <param name="domain">The domain the errors name, or null for an operation whose errors name none.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public static async Task<T> RequireAsync<T>(RelaySender sender, KerberosOperationRequest request, Func<KerberosOperationResult, T?> part, string missing, string? domain, CancellationToken cancellationToken)
        where T : class
    {
        var outcome = await sender.SendAsync(request, cancellationToken);
        var what = domain is null ? request.Operation : $"{request.Operation} for {domain}";
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            throw new RelayUnavailableException($"{what}: the agent could not be reached: {outcome.Message}");
        }

        if (outcome.Succeeded && part(outcome.Result!) is { } answer)
        {
            return answer;
        }

        var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
        throw new KerberosOperationFailedException($"{what} failed ({code}): {outcome.Result?.ErrorMessage ?? outcome.Message ?? missing}");
    }
}
