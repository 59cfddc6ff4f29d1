namespace CloudTrust.Core.Kerberos;

/// <summary>Input of <see cref="KerberosRemovalWorkflow"/>: one domain's object to remove, and how the cloud sign-in happens.</summary>
/// <param name="Domain">The AD DNS domain (lower case).</param>
/// <param name="SignIn">Attended (an administrator completes it on the agent's host, MFA included) or password.</param>
/// <param name="AttendedTimeout">How long an attended removal waits for an administrator before it is withdrawn.</param>
/// <param name="PollInterval">How often an attended request is read.</param>
/// <param name="RequestedBy">The signed-in principal who asked (never a secret).</param>
public sealed record KerberosRemovalRequest(string Domain, CloudSignInMode SignIn, TimeSpan AttendedTimeout, TimeSpan PollInterval, string RequestedBy);

/// <summary>Output of <see cref="KerberosRemovalWorkflow"/>.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Removed">True when the object is gone (removed now, or found already absent).</param>
/// <param name="ErrorCode">A <see cref="KerberosErrorCodes"/> value when it was not removed.</param>
/// <param name="Reason">What happened and, on failure, what to do (nothing was changed then).</param>
/// <param name="RemovedBy">The administrator's UPN for an attended removal.</param>
/// <param name="RequestedBy">Who asked for it.</param>
public sealed record KerberosRemovalReport(string Domain, bool Removed, string? ErrorCode, string Reason, string? RemovedBy, string RequestedBy);

/// <summary>The removal's custom status.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Phase">What it is doing, for example <c>waiting for an administrator to sign in on host: …</c>.</param>
public sealed record KerberosRemovalStatus(string Domain, string Phase);

/// <summary>Output of <see cref="KerberosRemovalWorkflow.RemoveActivityName"/>.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="AlreadyAbsent">True when the domain had no object (a retried removal finds it gone).</param>
public sealed record KerberosServerRemoved(string Domain, bool AlreadyAbsent);
