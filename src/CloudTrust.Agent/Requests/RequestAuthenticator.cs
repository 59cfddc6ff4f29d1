using System.Globalization;
using CloudTrust.Core.Relay;

namespace CloudTrust.Agent.Requests;

/// <summary>
/// Checks the sender's per-request signature (<see cref="RequestSignature"/>): present, within
/// <see cref="MaxClockSkew"/> of the agent's clock, made with the signing key from Key Vault, and not seen before.
/// When a signature fails with the cached key the key is read again (it may have been rotated), at most once a minute,
/// so forged requests cannot hammer the vault.
/// </summary>
internal sealed class RequestAuthenticator
{
    private readonly Func<bool, CancellationToken, Task<byte[]>> signingKey;
    private readonly TimeProvider time;
    private readonly NonceCache nonces;
    private readonly Lock gate = new();
    private DateTimeOffset lastRefresh = DateTimeOffset.MinValue;

    /// <param name="signingKey">Reads the signing key; the flag asks for a fresh read from the vault.</param>
    /// <param name="time">The clock.</param>
    public RequestAuthenticator(Func<bool, CancellationToken, Task<byte[]>> signingKey, TimeProvider time)
    {
        this.signingKey = signingKey;
        this.time = time;
        nonces = new NonceCache(time, MaxClockSkew * 2);
    }

    /// <summary>Gets how far a request's timestamp may be from the agent's clock.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks one request; returns null when it is authentic, otherwise why not (never echoing its content).</summary>
    public async Task<string?> CheckAsync(string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken cancellationToken)
    {
        var timestampText = Header(headers, RequestSignature.TimestampHeader);
        var nonce = Header(headers, RequestSignature.NonceHeader);
        var signature = Header(headers, RequestSignature.SignatureHeader);
        if (timestampText is null || nonce is null || signature is null)
        {
            return "unsigned";
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || nonce.Length is < 16 or > 128)
        {
            return "malformed signature headers";
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if ((time.GetUtcNow() - signedAt).Duration() > MaxClockSkew)
        {
            return "stale";
        }

        var valid = RequestSignature.Verify(await signingKey(false, cancellationToken), method, path, body, timestamp, nonce, signature);
        if (!valid && ShouldRefresh())
        {
            valid = RequestSignature.Verify(await signingKey(true, cancellationToken), method, path, body, timestamp, nonce, signature);
        }

        if (!valid)
        {
            return "bad signature";
        }

        return nonces.TryUse(nonce) ? null : "replayed";
    }

    private bool ShouldRefresh()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - lastRefresh < TimeSpan.FromMinutes(1))
            {
                return false;
            }

            lastRefresh = now;
            return true;
        }
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
        => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
