using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Operations;

/// <summary>
/// Remembers, in a file, the result of every successful key rotation by its operation id, so a retried rotation
/// returns the first result and never rotates twice — across agent restarts too.
/// </summary>
internal sealed class RotationJournal
{
    private readonly string path;
    private readonly Lock gate = new();
    private readonly Dictionary<string, RememberedRotation> rotations;

    public RotationJournal(string path)
    {
        this.path = path;
        rotations = AtomicJsonFile.Read<Dictionary<string, RememberedRotation>>(path, KerberosJson.Options)
            ?? new Dictionary<string, RememberedRotation>(StringComparer.Ordinal);
    }

    public bool TryGet(string operationId, out RememberedRotation? rotation)
    {
        lock (gate)
        {
            return rotations.TryGetValue(operationId, out rotation);
        }
    }

    public void Remember(string operationId, string domain, KerberosOperationResult result, DateTimeOffset at)
    {
        lock (gate)
        {
            rotations[operationId] = new RememberedRotation(domain, result, at);
            AtomicJsonFile.Write(path, rotations, KerberosJson.Options);
        }
    }
}

/// <summary>A rotation already carried out.</summary>
internal sealed record RememberedRotation(string Domain, KerberosOperationResult Result, DateTimeOffset At);
