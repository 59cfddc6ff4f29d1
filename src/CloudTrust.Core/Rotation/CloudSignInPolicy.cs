using CloudTrust.Core.Kerberos;

namespace CloudTrust.Core.Rotation;

/// <summary>
/// How each domain's rotation signs in to the cloud: <see cref="CloudSignInMode.Attended"/> unless the policy names
/// <see cref="CloudSignInMode.Password"/> for it (never the default), and how long an attended rotation waits for an
/// administrator.
/// </summary>
/// <param name="Default">The mode of every domain not listed.</param>
/// <param name="Domains">Modes by domain (case-insensitive).</param>
/// <param name="AttendedTimeout">How long an attended rotation waits for an administrator before it gives up cleanly.</param>
public sealed record CloudSignInPolicy(CloudSignInMode Default, IReadOnlyDictionary<string, CloudSignInMode> Domains, TimeSpan AttendedTimeout)
{
    /// <summary>The default wait for an administrator.</summary>
    public static readonly TimeSpan DefaultAttendedTimeout = TimeSpan.FromHours(4);

    /// <summary>Gets the policy when none is written: attended everywhere, four hours' wait.</summary>
    public static CloudSignInPolicy AttendedEverywhere { get; } = new(CloudSignInMode.Attended, new Dictionary<string, CloudSignInMode>(), DefaultAttendedTimeout);

    /// <summary>Gets the policy for unattended password sign-in everywhere (a dedicated MFA-excluded account; see docs/agent.md).</summary>
    public static CloudSignInPolicy PasswordEverywhere { get; } = new(CloudSignInMode.Password, new Dictionary<string, CloudSignInMode>(), DefaultAttendedTimeout);

    /// <summary>Gives one domain's mode.</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>Its mode.</returns>
    public CloudSignInMode For(string domain)
        => Domains.FirstOrDefault(d => string.Equals(d.Key, domain, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found ? found.Value : Default;
}
