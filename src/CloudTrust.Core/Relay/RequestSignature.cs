using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudTrust.Core.Relay;

/// <summary>
/// The per-request signature the sender adds on top of the relay's SAS, so that the agent runs only what our own
/// cloud side sent: HMAC-SHA256 with a key from Key Vault over the method, the path, the body's SHA-256, a
/// timestamp and a nonce. The agent refuses missing, wrong, stale and replayed signatures.
/// </summary>
public static class RequestSignature
{
    /// <summary>The header carrying the Unix time (seconds) the request was signed.</summary>
    public const string TimestampHeader = "X-CloudTrust-Timestamp";

    /// <summary>The header carrying a one-time random value.</summary>
    public const string NonceHeader = "X-CloudTrust-Nonce";

    /// <summary>The header carrying the base64 HMAC.</summary>
    public const string SignatureHeader = "X-CloudTrust-Signature";

    /// <summary>Builds the text that is signed.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path (and query) relative to the hybrid connection.</param>
    /// <param name="body">The request body.</param>
    /// <param name="timestamp">The signing time in Unix seconds.</param>
    /// <param name="nonce">The nonce.</param>
    /// <returns>The canonical text.</returns>
    public static string Canonical(string method, string path, ReadOnlySpan<byte> body, long timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(nonce);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        return string.Join('\n', method.ToUpperInvariant(), path, bodyHash, timestamp.ToString(CultureInfo.InvariantCulture), nonce);
    }

    /// <summary>Computes a signature.</summary>
    /// <param name="key">The shared signing key.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to the hybrid connection.</param>
    /// <param name="body">The body.</param>
    /// <param name="timestamp">The signing time in Unix seconds.</param>
    /// <param name="nonce">The nonce.</param>
    /// <returns>The base64 signature.</returns>
    public static string Compute(ReadOnlySpan<byte> key, string method, string path, ReadOnlySpan<byte> body, long timestamp, string nonce)
        => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(method, path, body, timestamp, nonce))));

    /// <summary>Checks a signature in constant time.</summary>
    /// <param name="key">The shared signing key.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to the hybrid connection.</param>
    /// <param name="body">The body.</param>
    /// <param name="timestamp">The signing time in Unix seconds.</param>
    /// <param name="nonce">The nonce.</param>
    /// <param name="signature">The presented signature.</param>
    /// <returns>True when it matches.</returns>
    public static bool Verify(ReadOnlySpan<byte> key, string method, string path, ReadOnlySpan<byte> body, long timestamp, string nonce, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Compute(key, method, path, body, timestamp, nonce);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>Creates a fresh nonce.</summary>
    /// <returns>32 hex characters of randomness.</returns>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
