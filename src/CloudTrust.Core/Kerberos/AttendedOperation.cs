namespace CloudTrust.Core.Kerberos;

/// <summary>
/// An operation the agent holds until an administrator completes it in an interactive session on the agent's host
/// (<see cref="CloudSignInMode.Attended"/>). Free of secrets: the administrator's sign-in happens in the module's own
/// prompt and is never seen by the agent or the workflow.
/// </summary>
/// <param name="RequestId">The id the administrator types: <c>CloudTrust.Agent kerberos complete &lt;RequestId&gt;</c>.</param>
/// <param name="Domain">The domain.</param>
/// <param name="Operation">The operation held: <see cref="KerberosOperations.RotateKerberosServerKey"/>, <see cref="KerberosOperations.EnsureKerberosServer"/> or <see cref="KerberosOperations.RemoveKerberosServer"/>.</param>
/// <param name="Host">The agent's host, where the administrator must sign in.</param>
/// <param name="State">One of <see cref="AttendedStates"/>.</param>
/// <param name="CreatedAt">When the request was queued (the agent's clock).</param>
/// <param name="FinishedAt">When it was completed, failed or cancelled.</param>
/// <param name="CompletedBy">The UPN the administrator signed in with.</param>
/// <param name="ErrorCode">A <see cref="KerberosErrorCodes"/> value when it failed.</param>
/// <param name="ErrorMessage">What went wrong and what to do, when it failed.</param>
/// <param name="Server">The Kerberos server object afterwards, when it completed (none after a removal).</param>
public sealed record AttendedOperation(
    string RequestId,
    string Domain,
    string Operation,
    string Host,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? CompletedBy,
    string? ErrorCode,
    string? ErrorMessage,
    KerberosServerObject? Server)
{
    /// <summary>Gets the workflow's operation id the request was queued with (a rotation's idempotency key).</summary>
    public string? OperationId { get; init; }

    /// <summary>Gets the command an administrator runs on <see cref="Host"/>.</summary>
    public string Command => $"CloudTrust.Agent kerberos complete {RequestId} --upn <your-admin-upn>";

    /// <summary>Gets a value indicating whether nobody has acted on it yet.</summary>
    public bool IsWaiting => State == AttendedStates.Waiting;
}

/// <summary>The states of an <see cref="AttendedOperation"/>.</summary>
public static class AttendedStates
{
    /// <summary>Queued; waiting for an administrator.</summary>
    public const string Waiting = "waiting";

    /// <summary>An administrator has started it and is signing in; it cannot be withdrawn now.</summary>
    public const string Running = "running";

    /// <summary>An administrator ran it and it succeeded.</summary>
    public const string Completed = "completed";

    /// <summary>An administrator ran it and it failed (the error says why and what to do).</summary>
    public const string Failed = "failed";

    /// <summary>The workflow stopped waiting; the request can no longer be run.</summary>
    public const string Cancelled = "cancelled";
}
