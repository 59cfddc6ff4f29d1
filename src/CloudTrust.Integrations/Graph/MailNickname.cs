namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Derives a group's <c>mailNickname</c> from its display name: Entra requires one even for a security group that
/// is not mail enabled, of at most 64 ASCII characters without <c>@ ( ) \ [ ] " ; : &lt; &gt; ,</c> or spaces.
/// Keeps ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>; falls back to <c>cloudtrust-ring</c>.
/// </summary>
internal static class MailNickname
{
    public const int MaxLength = 64;

    public static string From(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var kept = new string([.. displayName.Select(c => char.IsWhiteSpace(c) ? '-' : c).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')]).Trim('-', '.');
        if (kept.Length > MaxLength)
        {
            kept = kept[..MaxLength].TrimEnd('-', '.');
        }

        return kept.Length == 0 ? "cloudtrust-ring" : kept;
    }
}
