namespace CloudTrust.Core.Kerberos;

/// <summary>What happened to one domain in a Kerberos server workflow; JSON-serialisable and free of secrets.</summary>
/// <param name="Domain">The domain's DNS name.</param>
/// <param name="Succeeded">True when the agent carried out the operation.</param>
/// <param name="ErrorCode">A <see cref="KerberosErrorCodes"/> value or a transport code when it failed.</param>
/// <param name="ErrorMessage">What went wrong, when it failed.</param>
/// <param name="Retryable">True when trying again later may succeed (transport failures).</param>
/// <param name="Changed">True when the directory changed.</param>
/// <param name="Server">The Kerberos server object afterwards.</param>
/// <param name="Health">Its health verdict.</param>
public sealed record DomainKerberosOutcome(
    string Domain,
    bool Succeeded,
    string? ErrorCode,
    string? ErrorMessage,
    bool Retryable,
    bool Changed,
    KerberosServerObject? Server,
    KerberosServerHealth? Health)
{
    /// <summary>Gets a value indicating whether the domain's object exists and both halves agree.</summary>
    public bool IsHealthy => Succeeded && Health is { IsHealthy: true };

    /// <summary>Builds an outcome from an agent result.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="result">The agent's answer.</param>
    /// <returns>The outcome.</returns>
    public static DomainKerberosOutcome From(string domain, KerberosOperationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new DomainKerberosOutcome(domain, result.Succeeded, result.ErrorCode, result.ErrorMessage, false, result.Changed, result.Server, result.Health);
    }

    /// <summary>Builds a failed outcome.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="errorCode">The error code.</param>
    /// <param name="message">The message.</param>
    /// <param name="retryable">Whether a later attempt may succeed.</param>
    /// <returns>The outcome.</returns>
    public static DomainKerberosOutcome Failed(string domain, string errorCode, string message, bool retryable)
        => new(domain, false, errorCode, message, retryable, false, null, null);
}
