using CloudTrust.Core.Kerberos;

namespace CloudTrust.Core.Rotation;

/// <summary>The input of one key-rotation run.</summary>
/// <param name="Policy">The rotation policy.</param>
/// <param name="Mode">Now (operator) or Due (schedule).</param>
/// <param name="Domains">The domains to consider, already resolved from the policy or the agent.</param>
/// <param name="TriggeredBy">Who or what started the run (a user, <c>timer</c>), for the history.</param>
public sealed record RotationRequest(RotationPolicy Policy, RotationMode Mode, IReadOnlyList<string> Domains, string TriggeredBy);

/// <summary>How one domain's part of a rotation run ended.</summary>
public enum RotationOutcome
{
    /// <summary>The key was rotated and both halves agree on the new version.</summary>
    Rotated,

    /// <summary>The domain was left alone; the reason says why.</summary>
    Skipped,

    /// <summary>Rotation failed or did not converge; the reason and versions say how.</summary>
    Failed,
}

/// <summary>One rotation attempt for one domain: what the history keeps and the report shows.</summary>
/// <param name="RunId">The rotation run (workflow instance) id.</param>
/// <param name="Domain">The domain.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">Why it was skipped or failed.</param>
/// <param name="OperationId">The idempotency key sent to the agent, when a rotation was requested.</param>
/// <param name="OldKeyVersion">The on-premises key version before.</param>
/// <param name="NewKeyVersion">The on-premises key version after.</param>
/// <param name="CloudKeyVersion">The cloud key version last read.</param>
/// <param name="OldKeyUpdatedOn">When the key had last changed before this attempt.</param>
/// <param name="NewKeyUpdatedOn">When the key changed in this attempt.</param>
/// <param name="StartedAt">When the attempt began.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="TriggeredBy">Who or what started the run.</param>
public sealed record RotationAttempt(
    string RunId,
    string Domain,
    RotationOutcome Outcome,
    string? Reason,
    Guid? OperationId,
    long? OldKeyVersion,
    long? NewKeyVersion,
    long? CloudKeyVersion,
    DateTimeOffset? OldKeyUpdatedOn,
    DateTimeOffset? NewKeyUpdatedOn,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string TriggeredBy);

/// <summary>The output of a rotation run.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Mode">Now or Due.</param>
/// <param name="Attempts">One entry per domain, in the order the domains were given.</param>
public sealed record RotationReport(string RunId, RotationMode Mode, IReadOnlyList<RotationAttempt> Attempts)
{
    /// <summary>Gets the domains that failed.</summary>
    public IEnumerable<RotationAttempt> Failed => Attempts.Where(a => a.Outcome == RotationOutcome.Failed);
}

/// <summary>The input of the activities that read or rotate one domain's Kerberos server object.</summary>
/// <param name="Domain">The domain DNS name.</param>
/// <param name="OperationId">The idempotency key (rotation only): a retried request never rotates twice.</param>
public sealed record KerberosDomainRequest(string Domain, Guid? OperationId = null);

/// <summary>An operator's answer to a rotation run waiting for approval.</summary>
/// <param name="Approved">True to go ahead.</param>
/// <param name="By">Who answered.</param>
public sealed record RotationApproval(bool Approved, string By);

/// <summary>The names of the activities the rotation workflow calls (each host registers them under these names).</summary>
public static class RotationActivities
{
    /// <summary>Reads a domain's Kerberos server object through the agent: <see cref="KerberosDomainRequest"/> in, <see cref="KerberosServerObject"/> out.</summary>
    public const string ReadKerberosServer = "ReadKerberosServer";

    /// <summary>Reads a domain's object's on-premises half from the directory through the agent, no cloud sign-in (attended domains): <see cref="KerberosDomainRequest"/> in, <see cref="KerberosDirectoryObject"/> out.</summary>
    public const string ReadKerberosServerDirectory = "ReadKerberosServerDirectory";

    /// <summary>Rotates a domain's key through the agent, once per operation id: <see cref="KerberosDomainRequest"/> in, <see cref="KerberosServerObject"/> out.</summary>
    public const string RotateKerberosServerKey = "RotateKerberosServerKey";

    /// <summary>Keeps one attempt in the rotation history (idempotent by run and domain): <see cref="RotationAttempt"/> in, <c>bool</c> out.</summary>
    public const string RecordRotationAttempt = "RecordRotationAttempt";

    /// <summary>Reads when CloudTrust last rotated a domain's key, from the history: <see cref="KerberosDomainRequest"/> in, <see cref="LastRotation"/> out.</summary>
    public const string ReadLastRotation = "ReadLastRotation";

    /// <summary>Queues an operation on the agent for an administrator to complete (attended sign-in): <see cref="AttendedKerberosRequest"/> in, <see cref="AttendedOperation"/> out.</summary>
    public const string QueueAttendedKerberosOperation = "QueueAttendedKerberosOperation";

    /// <summary>Reads an attended request: <see cref="AttendedRequestRef"/> in, <see cref="AttendedOperation"/> out.</summary>
    public const string ReadAttendedKerberosOperation = "ReadAttendedKerberosOperation";

    /// <summary>Withdraws a waiting attended request (a completed one is returned as it is): <see cref="AttendedRequestRef"/> in, <see cref="AttendedOperation"/> out.</summary>
    public const string CancelAttendedKerberosOperation = "CancelAttendedKerberosOperation";

    /// <summary>The external event a run that needs approval waits for, carrying a <see cref="RotationApproval"/>.</summary>
    public const string ApprovalEvent = "approve-rotation";
}

/// <summary>When CloudTrust last rotated a domain's key.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="RotatedOn">The new key's update time of the last successful rotation, or null when there was none.</param>
public sealed record LastRotation(string Domain, DateTimeOffset? RotatedOn);

/// <summary>The input of <see cref="RotationActivities.QueueAttendedKerberosOperation"/>.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Operation">The operation to hold (<see cref="KerberosOperations.Attendable"/>).</param>
/// <param name="OperationId">The workflow's id for it: queuing again returns the same request.</param>
public sealed record AttendedKerberosRequest(string Domain, string Operation, Guid OperationId);

/// <summary>Names an attended request.</summary>
/// <param name="RequestId">Its id.</param>
public sealed record AttendedRequestRef(string RequestId);
