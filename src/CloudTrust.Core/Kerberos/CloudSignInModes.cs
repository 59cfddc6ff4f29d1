namespace CloudTrust.Core.Kerberos;

/// <summary>The words that name a <see cref="CloudSignInMode"/> in policies, plans and outputs.</summary>
public static class CloudSignInModes
{
    /// <summary>The word for <see cref="CloudSignInMode.Attended"/>.</summary>
    public const string Attended = "attended";

    /// <summary>The word for <see cref="CloudSignInMode.Password"/>.</summary>
    public const string Password = "password";

    /// <summary>Reads a mode's word.</summary>
    /// <param name="text">The word, in any case.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>True when the word names a mode.</returns>
    public static bool TryParse(string? text, out CloudSignInMode mode)
    {
        mode = CloudSignInMode.Attended;
        if (string.Equals(text, Attended, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, Password, StringComparison.OrdinalIgnoreCase))
        {
            mode = CloudSignInMode.Password;
            return true;
        }

        return false;
    }

    /// <summary>Names a mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>Its word.</returns>
    public static string Name(CloudSignInMode mode) => mode == CloudSignInMode.Password ? Password : Attended;
}
