using System.Collections.Concurrent;

namespace CloudTrust.Agent.Requests;

/// <summary>Remembers the nonces of accepted requests for as long as their timestamps could still be accepted.</summary>
internal sealed class NonceCache(TimeProvider time, TimeSpan retention)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    /// <summary>Records a nonce; false when it was seen before (a replay).</summary>
    public bool TryUse(string nonce)
    {
        var now = time.GetUtcNow();
        if (seen.Count > 10_000)
        {
            foreach (var (key, expires) in seen)
            {
                if (expires <= now)
                {
                    seen.TryRemove(key, out _);
                }
            }
        }

        return seen.TryAdd(nonce, now + retention);
    }
}
