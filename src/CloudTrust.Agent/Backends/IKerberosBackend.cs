using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Backends;

/// <summary>Carries out validated Kerberos operations against AD (for real through PowerShell, or simulated).</summary>
internal interface IKerberosBackend
{
    /// <summary>Gets the backend's name, for the health report.</summary>
    string Name { get; }

    /// <summary>Runs one operation that has passed validation. Returns errors as results; throws only on bugs.</summary>
    /// <param name="request">The operation.</param>
    /// <param name="credentials">What the module signs in with, for <see cref="KerberosOperations.SignsIn"/> operations; null for the others (they run as the agent's account).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    Task<KerberosOperationResult> ExecuteAsync(KerberosOperationRequest request, KerberosAdminCredentials? credentials, CancellationToken cancellationToken);
}
