using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Integrations.History;

/// <summary>
/// The partition and row keys of <see cref="TableRotationHistory"/>. Table keys may not hold '/', '\', '#', '?' or
/// control characters (learn.microsoft.com, "Understanding the Table service data model", Characters disallowed in
/// key fields), and '%', '\'' and '+' trouble URLs and filters: every character but ASCII letters, digits, '.', '-'
/// and '_' is written as '~' and four hex digits of its UTF-16 code unit, so a key is plain ASCII and two different
/// names never share one. A key longer than <see cref="MaxKeyChars"/> keeps its start and a SHA-256 of the whole.
/// </summary>
internal static class RotationHistoryKeys
{
    /// <summary>The longest key written (the service allows 1 KiB).</summary>
    public const int MaxKeyChars = 256;

    private const int TicksDigits = 19;
    private const int KeptPrefix = MaxKeyChars - 2 - 64;

    /// <summary>Returns the partition key of a domain: its <see cref="RotationHistoryOrder.DomainKey"/>, escaped.</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>The key.</returns>
    public static string Partition(string domain) => Bounded(Escape(RotationHistoryOrder.DomainKey(domain)));

    /// <summary>
    /// Returns the row key of an attempt: its finish time counted down from <see cref="DateTimeOffset.MaxValue"/> in 19
    /// digits (so a partition reads newest first), '_', then the escaped run id. A retried write of the same attempt
    /// lands on the same row.
    /// </summary>
    /// <param name="attempt">The attempt.</param>
    /// <returns>The key.</returns>
    public static string Row(RotationAttempt attempt)
    {
        var countdown = DateTimeOffset.MaxValue.UtcTicks - attempt.FinishedAt.UtcTicks;
        return Bounded(countdown.ToString("D" + TicksDigits, CultureInfo.InvariantCulture) + "_" + Escape(attempt.RunId));
    }

    /// <summary>Escapes every character a key should not carry.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                text.Append(c);
            }
            else
            {
                text.Append('~').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string Bounded(string key)
        => key.Length <= MaxKeyChars ? key : key[..KeptPrefix] + "~~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
