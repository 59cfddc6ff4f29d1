namespace CloudTrust.Core.Kerberos;

/// <summary>
/// The input of a key-rotation activity. A workflow makes <paramref name="OperationId"/> with
/// <c>IWorkflowContext.NewGuid()</c>, so every replay and retry names the same rotation and the agent rotates once.
/// </summary>
/// <param name="Domain">The domain's DNS name.</param>
/// <param name="OperationId">The rotation's id.</param>
public sealed record KerberosRotationInput(string Domain, string OperationId);
