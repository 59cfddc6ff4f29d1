using System.Security.Cryptography;
using System.Text;

namespace CloudTrust.Core.Workflows;

/// <summary>
/// Name-based (RFC 4122 version 5) GUIDs: the same name always gives the same GUID, so a replayed workflow
/// and a retried request derive the same ids.
/// </summary>
public static class DeterministicGuid
{
    private static readonly Guid CloudTrustNamespace = new("6f3c1f0e-5a7e-4c55-9a56-0d6f1b5c2a11");

    /// <summary>Derives a GUID from a name within the CloudTrust namespace.</summary>
    /// <param name="name">Any text, for example an instance id and a counter.</param>
    /// <returns>The version-5 GUID for <paramref name="name"/>.</returns>
    public static Guid Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> ns = stackalloc byte[16];
        CloudTrustNamespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = new byte[16 + nameBytes.Length];
        ns.CopyTo(data);
        nameBytes.CopyTo(data, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for version-5 GUIDs; it is not used for security here.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
