using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Tenant;

/// <summary>
/// How each domain signs in to the cloud for the CLI's reads of the Kerberos server objects: the rotation policy the
/// command was given, else the one the settings name (<c>rotationPolicy</c>), else attended everywhere (the default).
/// An attended domain is read from the directory only, with its cloud half reported as not read.
/// </summary>
internal static class TenantCloudSignIn
{
    /// <summary>Gives the sign-in policy.</summary>
    /// <param name="settings">The tenant settings.</param>
    /// <param name="given">The policy the command was given, when it was.</param>
    /// <returns>The policy.</returns>
    public static CloudSignInPolicy Read(TenantSettings settings, RotationPolicy? given = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (given is not null)
        {
            return given.SignIn;
        }

        if (settings.RotationPolicyPath is not { } path)
        {
            return CloudSignInPolicy.AttendedEverywhere;
        }

        try
        {
            return RotationPolicyReader.Read(File.ReadAllText(path)).SignIn;
        }
        catch (InvalidInputException ex)
        {
            throw new InvalidInputException("settings", [.. ex.Errors.Select(e => e with { Path = "rotationPolicy" + (string.IsNullOrEmpty(e.Path) ? string.Empty : "." + e.Path) })]);
        }
    }

    /// <summary>Names a domain's mode.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="domain">The domain.</param>
    /// <returns><c>attended</c> or <c>password</c>.</returns>
    public static string Name(CloudSignInPolicy policy, string domain) => CloudSignInModes.Name(policy.For(domain));
}
