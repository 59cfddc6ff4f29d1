using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Backends;

/// <summary>Carries out validated Kerberos operations against AD (for real through PowerShell, or simulated).</summary>
internal interface IKerberosBackend
{
    /// <summary>Gets the backend's name, for the health report.</summary>
    string Name { get; }

    /// <summary>Runs one operation that has passed validation. Returns errors as results; throws only on bugs.</summary>
    Task<KerberosOperationResult> ExecuteAsync(KerberosOperationRequest request, CancellationToken cancellationToken);
}
