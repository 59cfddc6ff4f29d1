namespace CloudTrust.Core.Kerberos;

/// <summary>
/// One operation sent to the on-premises agent: a versioned JSON record. Only the fields the operation needs are
/// set; <see cref="KerberosOperationValidator"/> checks them before anything runs. Never carries a secret.
/// </summary>
public sealed record KerberosOperationRequest
{
    /// <summary>Gets the contract version; <see cref="KerberosOperations.CurrentVersion"/>.</summary>
    public int Version { get; init; } = KerberosOperations.CurrentVersion;

    /// <summary>Gets the operation name, one of <see cref="KerberosOperations.All"/>.</summary>
    public string Operation { get; init; } = string.Empty;

    /// <summary>Gets the AD domain's DNS name, for every operation but <see cref="KerberosOperations.Health"/>.</summary>
    public string? Domain { get; init; }

    /// <summary>Gets the caller's id for a rotation; the agent rotates once per id.</summary>
    public string? OperationId { get; init; }

    /// <summary>Gets a value indicating whether the caller confirms a removal.</summary>
    public bool Confirm { get; init; }

    /// <summary>Gets the operation an attended request holds, for <see cref="KerberosOperations.QueueAttendedOperation"/>.</summary>
    public string? AttendedOperation { get; init; }

    /// <summary>Gets the attended request's id, for <see cref="KerberosOperations.GetAttendedOperation"/> and <see cref="KerberosOperations.CancelAttendedOperation"/>.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the users to check, for <see cref="KerberosOperations.FindPrivilegedUsers"/>.</summary>
    public IReadOnlyList<string>? UserPrincipalNames { get; init; }

    /// <summary>Builds a <see cref="KerberosOperations.GetKerberosServer"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest GetKerberosServer(string domain) => new() { Operation = KerberosOperations.GetKerberosServer, Domain = domain };

    /// <summary>Builds a <see cref="KerberosOperations.ReadKerberosServerDirectory"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest ReadKerberosServerDirectory(string domain) => new() { Operation = KerberosOperations.ReadKerberosServerDirectory, Domain = domain };

    /// <summary>Builds an <see cref="KerberosOperations.EnsureKerberosServer"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest EnsureKerberosServer(string domain) => new() { Operation = KerberosOperations.EnsureKerberosServer, Domain = domain };

    /// <summary>Builds a <see cref="KerberosOperations.RotateKerberosServerKey"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <param name="operationId">The caller's id for this rotation.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest RotateKerberosServerKey(string domain, string operationId)
        => new() { Operation = KerberosOperations.RotateKerberosServerKey, Domain = domain, OperationId = operationId };

    /// <summary>Builds a <see cref="KerberosOperations.RemoveKerberosServer"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <param name="confirm">Whether the caller confirms the removal.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest RemoveKerberosServer(string domain, bool confirm)
        => new() { Operation = KerberosOperations.RemoveKerberosServer, Domain = domain, Confirm = confirm };

    /// <summary>Builds a <see cref="KerberosOperations.CheckDomainPrerequisites"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest CheckDomainPrerequisites(string domain) => new() { Operation = KerberosOperations.CheckDomainPrerequisites, Domain = domain };

    /// <summary>Builds a <see cref="KerberosOperations.FindPrivilegedUsers"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <param name="userPrincipalNames">The users to check.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest FindPrivilegedUsers(string domain, IReadOnlyList<string> userPrincipalNames)
        => new() { Operation = KerberosOperations.FindPrivilegedUsers, Domain = domain, UserPrincipalNames = userPrincipalNames };

    /// <summary>Builds a <see cref="KerberosOperations.ListHelloGroupPolicies"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest ListHelloGroupPolicies(string domain) => new() { Operation = KerberosOperations.ListHelloGroupPolicies, Domain = domain };

    /// <summary>Builds a <see cref="KerberosOperations.QueueAttendedOperation"/> request.</summary>
    /// <param name="domain">The domain's DNS name.</param>
    /// <param name="operation">The operation to hold, one of <see cref="KerberosOperations.Attendable"/>.</param>
    /// <param name="operationId">The caller's id: queuing twice with it returns the same request.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest QueueAttendedOperation(string domain, string operation, string operationId)
        => new() { Operation = KerberosOperations.QueueAttendedOperation, Domain = domain, AttendedOperation = operation, OperationId = operationId };

    /// <summary>Builds a <see cref="KerberosOperations.GetAttendedOperation"/> request.</summary>
    /// <param name="requestId">The attended request's id.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest GetAttendedOperation(string requestId) => new() { Operation = KerberosOperations.GetAttendedOperation, RequestId = requestId };

    /// <summary>Builds a <see cref="KerberosOperations.CancelAttendedOperation"/> request.</summary>
    /// <param name="requestId">The attended request's id.</param>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest CancelAttendedOperation(string requestId) => new() { Operation = KerberosOperations.CancelAttendedOperation, RequestId = requestId };

    /// <summary>Builds a <see cref="KerberosOperations.Health"/> request.</summary>
    /// <returns>The request.</returns>
    public static KerberosOperationRequest Health() => new() { Operation = KerberosOperations.Health };
}
