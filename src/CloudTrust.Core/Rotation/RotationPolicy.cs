using Cronos;

namespace CloudTrust.Core.Rotation;

/// <summary>
/// When and how the Microsoft Entra Kerberos server keys are rotated. Read it with
/// <see cref="RotationPolicyReader"/>, which refuses bad input with path-precise errors.
/// </summary>
/// <param name="Schedule">The six-field NCRONTAB expression (seconds first), as Azure Functions timers use.</param>
/// <param name="MaxKeyAge">A key younger than this is left alone.</param>
/// <param name="Domains">The domains to rotate; every domain the agent knows when empty.</param>
/// <param name="Window">When rotations may run; any time when null.</param>
/// <param name="RequireApproval">Whether a person must approve each run before keys change.</param>
/// <param name="Freeze">When on, every domain is skipped with that reason.</param>
/// <param name="ConvergenceDeadline">How long to wait for the cloud key version to match after a rotation.</param>
/// <param name="PollInterval">How often to read the server object while waiting for convergence, and an attended request while waiting for an administrator.</param>
/// <param name="CloudSignIn">How each domain signs in to the cloud; null means attended everywhere (the default).</param>
public sealed record RotationPolicy(
    string Schedule,
    TimeSpan MaxKeyAge,
    IReadOnlyList<string> Domains,
    MaintenanceWindow? Window,
    bool RequireApproval,
    bool Freeze,
    TimeSpan ConvergenceDeadline,
    TimeSpan PollInterval,
    CloudSignInPolicy? CloudSignIn = null)
{
    /// <summary>Gets the cloud sign-in policy in force (attended everywhere when none was written).</summary>
    public CloudSignInPolicy SignIn => CloudSignIn ?? CloudSignInPolicy.AttendedEverywhere;

    /// <summary>Returns the first scheduled time after <paramref name="after"/>.</summary>
    /// <param name="after">The moment to start from.</param>
    /// <returns>The next occurrence, or null when the expression has none.</returns>
    public DateTimeOffset? NextRun(DateTimeOffset after)
        => CronExpression.Parse(Schedule, CronFormat.IncludeSeconds).GetNextOccurrence(after, TimeZoneInfo.Utc);
}
