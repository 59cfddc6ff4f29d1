using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>How a relayed operation ended, as the workflows need to know it.</summary>
public enum RelayOutcomeKind
{
    /// <summary>The agent answered; <see cref="RelayOutcome.Result"/> says whether the operation itself succeeded.</summary>
    Answered,

    /// <summary>The request was refused before it ran (invalid, unsigned, unknown operation); sending it again will not help.</summary>
    Refused,

    /// <summary>The relay or the agent could not be reached or did not answer; a later attempt may succeed.</summary>
    Unavailable,
}

/// <summary>The typed result of one relayed operation. Never carries a secret.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Result">The agent's answer, when it answered or refused with a body.</param>
/// <param name="ErrorCode">A <see cref="KerberosErrorCodes"/> value when it did not succeed.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Attempts">How many attempts were made.</param>
public sealed record RelayOutcome(RelayOutcomeKind Kind, KerberosOperationResult? Result, string? ErrorCode, string? Message, int Attempts)
{
    /// <summary>Gets a value indicating whether the operation ran and succeeded.</summary>
    public bool Succeeded => Kind == RelayOutcomeKind.Answered && Result is { Succeeded: true };

    /// <summary>Gets a value indicating whether trying again later may succeed.</summary>
    public bool IsRetryable => Kind == RelayOutcomeKind.Unavailable;
}
