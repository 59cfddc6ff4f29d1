using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Validation;
namespace CloudTrust.Core.Kerberos;

/// <summary>
/// The agent's answer to one operation: either success with the fields the operation produces, or an error code
/// from <see cref="KerberosErrorCodes"/> with a message. Never carries a secret.
/// </summary>
public sealed record KerberosOperationResult
{
    /// <summary>Gets the contract version.</summary>
    public int Version { get; init; } = KerberosOperations.CurrentVersion;

    /// <summary>Gets the operation answered.</summary>
    public string Operation { get; init; } = string.Empty;

    /// <summary>Gets the domain the operation ran against, when it had one.</summary>
    public string? Domain { get; init; }

    /// <summary>Gets a value indicating whether the operation succeeded.</summary>
    public bool Succeeded { get; init; }

    /// <summary>Gets the error code when it failed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets a human-readable explanation when it failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Gets the validation problems when the request was invalid.</summary>
    public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }

    /// <summary>Gets a value indicating whether the operation changed the directory (created, rotated, removed).</summary>
    public bool Changed { get; init; }

    /// <summary>Gets the Kerberos server object after the operation, when there is one.</summary>
    public KerberosServerObject? Server { get; init; }

    /// <summary>Gets the health verdict of <see cref="Server"/>.</summary>
    public KerberosServerHealth? Health { get; init; }

    /// <summary>Gets the on-premises half read from the directory, for <see cref="KerberosOperations.ReadKerberosServerDirectory"/> (also when the object is absent).</summary>
    public KerberosDirectoryObject? Directory { get; init; }

    /// <summary>Gets the prerequisite verdict, for <see cref="KerberosOperations.CheckDomainPrerequisites"/>.</summary>
    public DomainPrerequisites? Prerequisites { get; init; }

    /// <summary>Gets the users checked, for <see cref="KerberosOperations.FindPrivilegedUsers"/>.</summary>
    public IReadOnlyList<PrivilegedUser>? PrivilegedUsers { get; init; }

    /// <summary>Gets the object's Password Replication Policy the privileged users were judged by, for <see cref="KerberosOperations.FindPrivilegedUsers"/>.</summary>
    public ReplicationPolicy? ReplicationPolicy { get; init; }

    /// <summary>Gets the GPOs that set WHfB values, for <see cref="KerberosOperations.ListHelloGroupPolicies"/>.</summary>
    public IReadOnlyList<HelloGroupPolicy>? HelloGroupPolicies { get; init; }

    /// <summary>Gets the attended request, for the attended operations.</summary>
    public AttendedOperation? Attended { get; init; }

    /// <summary>Gets the agent's self-report, for <see cref="KerberosOperations.Health"/>.</summary>
    public AgentHealth? Agent { get; init; }

    /// <summary>Builds a failed result.</summary>
    /// <param name="request">The request answered (its operation and domain are echoed).</param>
    /// <param name="errorCode">One of <see cref="KerberosErrorCodes"/>.</param>
    /// <param name="message">What went wrong; never a secret.</param>
    /// <returns>The result.</returns>
    public static KerberosOperationResult Failure(KerberosOperationRequest? request, string errorCode, string message)
        => new() { Operation = request?.Operation ?? string.Empty, Domain = request?.Domain, ErrorCode = errorCode, ErrorMessage = message };

    /// <summary>Builds a success carrying a server object and its health verdict.</summary>
    /// <param name="request">The request answered.</param>
    /// <param name="server">The object.</param>
    /// <param name="changed">Whether the operation changed it.</param>
    /// <returns>The result.</returns>
    public static KerberosOperationResult ForServer(KerberosOperationRequest request, KerberosServerObject server, bool changed)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            Operation = request.Operation,
            Domain = request.Domain,
            Succeeded = true,
            Changed = changed,
            Server = server,
            Health = KerberosServerHealth.Evaluate(server),
        };
    }
}
