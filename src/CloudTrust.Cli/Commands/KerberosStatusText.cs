using CloudTrust.Cli.Output;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;
using static System.FormattableString;

namespace CloudTrust.Cli.Commands;

/// <summary>The detail lines of one domain in <c>kerberos status</c>: both accounts, both key versions, the next rotation.</summary>
internal static class KerberosStatusText
{
    /// <summary>Writes one domain as <c>kerberos status</c> shows it: the state line, the details, the problems.</summary>
    public static void Row(Terminal terminal, DomainKerberosStatus row)
    {
        var tone = row.Healthy ? Tone.Good : Tone.Bad;
        var key = row.KeyVersion is { } v ? $"KeyVersion {v}, key age {row.KeyAgeDays:0.#} days" : string.Empty;
        terminal.Line(tone, $"{row.Domain,-24} {row.State,-11} {key}");
        Details(terminal, row);
        foreach (var problem in row.Problems)
        {
            terminal.Line($"  - {problem}");
        }
    }

    public static void Details(Terminal terminal, DomainKerberosStatus row)
    {
        if (row.UserAccount is { } user)
        {
            var disabled = row.UserAccountDisabled switch
            {
                true => "disabled, as its userAccountControl says",
                false => "ENABLED by its userAccountControl: it should be disabled",
                null => "disabled or not: not read",
            };
            terminal.Line($"  UserAccount      {user} (holds the key; {disabled})");
        }

        if (row.ComputerAccount is { } computer)
        {
            terminal.Line($"  ComputerAccount  {computer} (RODC object, no server behind it)");
        }

        if (row.CloudHalf is { } notRead)
        {
            terminal.Line(Invariant($"  KeyVersion       {row.KeyVersion} on premises (updated {row.KeyUpdatedOn:u}), read from the directory; cloud half {notRead}"));
        }
        else if (row.KeyVersion is not null || row.CloudKeyVersion is not null)
        {
            terminal.Line(Invariant($"  KeyVersion       {row.KeyVersion} on premises (updated {row.KeyUpdatedOn:u}), {row.CloudKeyVersion} in the cloud (updated {row.CloudKeyUpdatedOn:u})"));
        }

        if (row.NextRotation is { } next)
        {
            terminal.Line(Invariant($"  next rotation    {next:u} by the policy's schedule ({row.CloudSignIn} sign-in)"));
        }
    }
}

/// <summary>What a rotation policy adds to <c>kerberos status</c>.</summary>
internal static class KerberosStatusPolicy
{
    public static async Task<RotationPolicy> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException("kerberos status", [new ValidationError("--policy", $"no file at '{Path.GetFullPath(path)}'")]);
        }

        return RotationPolicyReader.Read(await File.ReadAllTextAsync(path, cancellationToken));
    }

    public static DomainKerberosStatus Apply(DomainKerberosStatus row, RotationPolicy? policy, DateTimeOffset now)
        => policy is null ? row : row with { NextRotation = policy.NextRun(now) };
}
