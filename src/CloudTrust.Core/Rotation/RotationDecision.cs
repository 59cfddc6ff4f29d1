using CloudTrust.Core.Kerberos;

namespace CloudTrust.Core.Rotation;

/// <summary>Whether one domain's key is rotated in this run, and if not, why.</summary>
/// <param name="Rotate">True when the key should be rotated now.</param>
/// <param name="SkipReason">Why not, in words an admin reads in the report.</param>
public sealed record RotationDecision(bool Rotate, string? SkipReason)
{
    private static readonly RotationDecision Go = new(true, null);

    /// <summary>Decides for one domain.</summary>
    /// <param name="policy">The rotation policy.</param>
    /// <param name="mode">Why the run was started.</param>
    /// <param name="server">The domain's Kerberos server object as just read.</param>
    /// <param name="now">The workflow's current time.</param>
    /// <returns>The decision.</returns>
    public static RotationDecision Decide(RotationPolicy policy, RotationMode mode, KerberosServerObject server, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(server);
        if (policy.Freeze)
        {
            return new(false, "a rotation freeze is on");
        }

        var health = KerberosServerHealth.Evaluate(server);
        if (!health.IsHealthy)
        {
            return new(false, "the server object is unhealthy: " + string.Join("; ", health.Mismatches));
        }

        if (mode == RotationMode.Now)
        {
            return Go;
        }

        if (policy.Window is { } window && !window.Contains(now))
        {
            return new(false, $"outside the maintenance window ({window.Start:HH\\:mm}–{window.End:HH\\:mm} UTC)");
        }

        if (server.KeyUpdatedOn is { } updated && now - updated < policy.MaxKeyAge)
        {
            var age = now - updated;
            return new(false, $"the key is {age.TotalDays:0.#} days old; the policy rotates after {policy.MaxKeyAge.TotalDays:0.#} days");
        }

        return Go;
    }

    /// <summary>
    /// Decides for a domain whose rotation is attended, before anyone signs in: reading the object needs the same
    /// cloud sign-in, so the key's age comes from the rotation history (the last rotation CloudTrust made), and the
    /// object's health is checked in the administrator's run.
    /// </summary>
    /// <param name="policy">The rotation policy.</param>
    /// <param name="mode">Why the run was started.</param>
    /// <param name="lastRotatedOn">When CloudTrust last rotated this domain's key, if ever.</param>
    /// <param name="now">The workflow's current time.</param>
    /// <param name="source">Where <paramref name="lastRotatedOn"/> came from, named in the reason (the rotation history, or the directory's pwdLastSet).</param>
    /// <returns>The decision.</returns>
    public static RotationDecision DecideAttended(RotationPolicy policy, RotationMode mode, DateTimeOffset? lastRotatedOn, DateTimeOffset now, string source = "rotation history")
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Freeze)
        {
            return new(false, "a rotation freeze is on");
        }

        if (mode == RotationMode.Now)
        {
            return Go;
        }

        if (policy.Window is { } window && !window.Contains(now))
        {
            return new(false, $"outside the maintenance window ({window.Start:HH\\:mm}–{window.End:HH\\:mm} UTC)");
        }

        if (lastRotatedOn is { } updated && now - updated < policy.MaxKeyAge)
        {
            return new(false, $"the key was rotated {(now - updated).TotalDays:0.#} days ago ({source}); the policy rotates after {policy.MaxKeyAge.TotalDays:0.#} days");
        }

        return Go;
    }
}
