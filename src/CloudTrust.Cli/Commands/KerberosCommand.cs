using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Simulated;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Cli.Commands;

/// <summary><c>cloudtrust kerberos status</c>: each domain's Microsoft Entra Kerberos server object, read through the relay from the agent: health of both halves and key age.</summary>
public static class KerberosCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var domains = new Option<string[]>("--domain") { Description = "A domain to read (repeatable); with --simulated, the simulated forest's domains when omitted." };
        var policyFile = new Option<string?>("--policy") { Description = "The rotation policy (JSON): shows the next scheduled rotation and each domain's cloud sign-in." };
        var status = new Command("status", "Read each domain's Kerberos server object through the agent: do both halves agree, and how old is the key.");
        status.Options.Add(domains);
        status.Options.Add(policyFile);
        TenantChoice.AddTo(status);
        status.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped", async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var settings = TenantChoice.Read(parse);
            var names = parse.GetValue(domains) is { Length: > 0 } given ? given : parse.GetValue(TenantChoice.Simulated) ? [.. SimulatedTenant.Domains] : [];
            var errors = names.Select((d, i) => (d, i)).Where(x => !DnsName.IsValid(x.d)).Select(x => new ValidationError($"--domain[{x.i}]", $"'{x.d}' is not a DNS name")).ToList();
            if (names.Length == 0)
            {
                errors.Add(new ValidationError("--domain", "name the domains to read"));
            }

            if (errors.Count > 0)
            {
                throw new InvalidInputException("kerberos", errors);
            }

            var policy = parse.GetValue(policyFile) is { } file ? await KerberosStatusPolicy.ReadAsync(file, ct) : null;
            var signIn = TenantCloudSignIn.Read(settings, policy);
            using var loggers = CliLogging.Create();
            using var connection = TenantConnection.Open(settings, TimeProvider.System, loggers);
            var now = settings.CreateClock().GetUtcNow();
            var rows = (await DomainKerberosStatus.ReadAllAsync(connection.Sender, names, signIn, now, ct)).Select(r => KerberosStatusPolicy.Apply(r, policy, now)).ToList();

            if (scope.Json)
            {
                terminal.Json(rows);
            }
            else
            {
                foreach (var row in rows)
                {
                    KerberosStatusText.Row(terminal, row);
                }
            }

            return rows.All(r => r.Healthy) ? ExitCodes.Success : ExitCodes.Failed;
        }));
        var kerberos = new Command("kerberos", "The Microsoft Entra Kerberos server objects of the on-premises domains.");
        kerberos.Subcommands.Add(status);
        kerberos.Subcommands.Add(KerberosCreateCommand.Build());
        kerberos.Subcommands.Add(KerberosRemoveCommand.Build());
        return kerberos;
    }
}

/// <summary>One domain's line of <c>kerberos status</c>.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="State"><c>healthy</c>, <c>on-premises ok</c> (attended: the cloud half not read), <c>unhealthy</c>, <c>missing</c> or <c>unreachable</c>.</param>
/// <param name="Healthy">Whether both halves agree; for an attended domain, whether the on-premises half read is sound.</param>
/// <param name="KeyVersion">The on-premises key version.</param>
/// <param name="CloudKeyVersion">The cloud key version.</param>
/// <param name="KeyUpdatedOn">When the key last changed.</param>
/// <param name="KeyAgeDays">The key's age in days (by the tenant's clock).</param>
/// <param name="Problems">What disagrees or failed.</param>
/// <param name="UserAccount">The <c>krbtgt_AzureAD</c> user that holds the key (created disabled; it never signs in).</param>
/// <param name="ComputerAccount">The <c>AzureADKerberos</c> computer object (an RODC object with no server behind it).</param>
/// <param name="CloudKeyUpdatedOn">When the cloud half's key last changed.</param>
/// <param name="NextRotation">The next scheduled rotation by the policy, when one was given.</param>
/// <param name="CloudSignIn">The domain's cloud sign-in (the policy's, else the settings' rotation policy's, else attended).</param>
/// <param name="UserAccountDisabled">Whether <c>krbtgt_AzureAD</c> is disabled, as its userAccountControl read from the directory says; null when not read.</param>
/// <param name="CloudHalf">Why the cloud half was not read (an attended domain needs an administrator's sign-in); null when it was read.</param>
internal sealed record DomainKerberosStatus(string Domain, string State, bool Healthy, long? KeyVersion, long? CloudKeyVersion, DateTimeOffset? KeyUpdatedOn, double? KeyAgeDays, IReadOnlyList<string> Problems,
    string? UserAccount = null, string? ComputerAccount = null, DateTimeOffset? CloudKeyUpdatedOn = null, DateTimeOffset? NextRotation = null, string? CloudSignIn = null,
    bool? UserAccountDisabled = null, string? CloudHalf = null)
{
    /// <summary>The state of an attended domain whose on-premises half is sound and whose cloud half was not read.</summary>
    public const string CloudNotRead = "on-premises ok";

    /// <summary>
    /// Reads each domain through the agent, one after the other: an attended domain from the directory only (no cloud
    /// sign-in; its cloud half not read), a password domain both halves; for both, whether <c>krbtgt_AzureAD</c> is
    /// disabled comes from the directory read of its userAccountControl.
    /// </summary>
    public static async Task<IReadOnlyList<DomainKerberosStatus>> ReadAllAsync(RelaySender sender, IEnumerable<string> domains, CloudSignInPolicy signIn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<DomainKerberosStatus>();
        foreach (var domain in domains)
        {
            var mode = signIn.For(domain);
            var directory = await sender.SendAsync(KerberosOperationRequest.ReadKerberosServerDirectory(domain), cancellationToken);
            var row = mode == CloudSignInMode.Attended
                ? FromDirectory(domain, directory, now)
                : From(domain, await sender.SendAsync(KerberosOperationRequest.GetKerberosServer(domain), cancellationToken), now) with
                {
                    UserAccountDisabled = directory is { Succeeded: true, Result.Directory: { } found } ? found.UserAccountDisabled : null,
                };
            rows.Add(row with { CloudSignIn = CloudSignInModes.Name(mode) });
        }

        return rows;
    }

    /// <summary>Describes an attended domain from the directory read: the on-premises half as read, the cloud half not read.</summary>
    public static DomainKerberosStatus FromDirectory(string domain, RelayOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            return new(domain, "unreachable", false, null, null, null, null, [$"the agent could not be reached: {outcome.Message}"]);
        }

        if (!outcome.Succeeded || outcome.Result!.Directory is not { } directory)
        {
            return new(domain, "unhealthy", false, null, null, null, null, [$"{outcome.ErrorCode ?? outcome.Result?.ErrorCode}: {outcome.Result?.ErrorMessage ?? outcome.Message}"]);
        }

        var reading = KerberosServerReading.OfDirectory(domain, directory);
        var sound = reading.State == KerberosServerState.CloudNotRead;
        var state = !directory.Exists ? "missing" : sound ? CloudNotRead : "unhealthy";
        var age = directory.KeyUpdatedOn is { } updated ? Math.Round((now - updated).TotalDays, 1) : (double?)null;
        return new(domain, state, sound, directory.KeyVersion, null, directory.KeyUpdatedOn, age, sound ? [] : directory.Exists ? directory.Problems : [reading.Detail])
        {
            UserAccount = directory.UserAccount,
            ComputerAccount = directory.ComputerAccount,
            UserAccountDisabled = directory.UserAccountDisabled,
            CloudHalf = KerberosDirectoryObject.CloudNotReadText,
        };
    }

    /// <summary>Describes one domain from the agent's answer.</summary>
    public static DomainKerberosStatus From(string domain, RelayOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            return new(domain, "unreachable", false, null, null, null, null, [$"the agent could not be reached: {outcome.Message}"]);
        }

        if (!outcome.Succeeded || outcome.Result!.Server is not { } server)
        {
            var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode;
            var state = code == KerberosErrorCodes.ServerNotFound ? "missing" : "unhealthy";
            return new(domain, state, false, null, null, null, null, [$"{code}: {outcome.Result?.ErrorMessage ?? outcome.Message}"]);
        }

        var health = KerberosServerHealth.Evaluate(server);
        var age = server.KeyUpdatedOn is { } updated ? Math.Round((now - updated).TotalDays, 1) : (double?)null;
        return new(domain, health.IsHealthy ? "healthy" : "unhealthy", health.IsHealthy, server.KeyVersion, server.CloudKeyVersion, server.KeyUpdatedOn, age, health.Mismatches)
        {
            UserAccount = server.UserAccount,
            ComputerAccount = server.ComputerAccount,
            CloudKeyUpdatedOn = server.CloudKeyUpdatedOn,
        };
    }
}
