using System.CommandLine;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// What <c>kerberos create</c> and <c>kerberos remove</c> both take: the domain (a DNS name, trailing dot and case
/// ignored), <c>--sign-in attended|password</c> (attended by default) and <c>--timeout-minutes</c> (1 to 1440, the wait
/// for the administrator).
/// </summary>
internal sealed class KerberosDomainInput
{
    /// <param name="domainDescription">The help text of the domain argument.</param>
    public KerberosDomainInput(string domainDescription)
    {
        Domain = new Argument<string>("domain") { Description = domainDescription };
        SignIn = new Option<string>("--sign-in") { Description = "attended (default: an administrator signs in on the agent's host, MFA included) or password (a stored MFA-excluded account).", DefaultValueFactory = _ => CloudSignInModes.Attended };
        Timeout = new Option<int>("--timeout-minutes") { Description = "How long to wait for the administrator (attended).", DefaultValueFactory = _ => 30 };
    }

    /// <summary>Gets the domain argument.</summary>
    public Argument<string> Domain { get; }

    /// <summary>Gets <c>--sign-in</c>.</summary>
    public Option<string> SignIn { get; }

    /// <summary>Gets <c>--timeout-minutes</c>.</summary>
    public Option<int> Timeout { get; }

    /// <summary>Adds the argument and both options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Domain);
        command.Options.Add(SignIn);
        command.Options.Add(Timeout);
    }

    /// <summary>Reads the three values, adding a problem per bad one to <paramref name="errors"/>.</summary>
    /// <returns>The domain (lower case, no trailing dot), the sign-in mode and the wait.</returns>
    public (string Name, CloudSignInMode Mode, TimeSpan Timeout) Read(ParseResult parse, List<ValidationError> errors)
    {
        var name = (parse.GetValue(Domain) ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
        if (!DnsName.IsValid(name, out var problem))
        {
            errors.Add(new ValidationError("<domain>", problem));
        }

        if (!CloudSignInModes.TryParse(parse.GetValue(SignIn), out var mode))
        {
            errors.Add(new ValidationError("--sign-in", "must be attended or password"));
        }

        var minutes = parse.GetValue(Timeout);
        if (minutes is < 1 or > 1440)
        {
            errors.Add(new ValidationError("--timeout-minutes", "must be 1 to 1440"));
        }

        return (name, mode, TimeSpan.FromMinutes(Math.Clamp(minutes, 1, 1440)));
    }
}
