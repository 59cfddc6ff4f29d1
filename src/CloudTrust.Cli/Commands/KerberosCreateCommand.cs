using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust kerberos create &lt;domain&gt;</c>: ensures a domain's Microsoft Entra Kerberos server object through
/// the agent (<see cref="KerberosOperations.EnsureKerberosServer"/>) — what a rollout's preflight asks for when an
/// attended domain has none. Idempotent: an object that exists is reported as it is and not created again (with
/// attended sign-in, found by a directory read, so no administrator is asked to sign in for nothing). The cloud sign-in
/// is attended unless <c>--sign-in password</c>: the command waits while an administrator runs the agent command it
/// prints. Afterwards it shows the object as <c>kerberos status</c> does; <c>--json</c> prints one document.
/// </summary>
internal static class KerberosCreateCommand
{
    public static Command Build()
    {
        var input = new KerberosDomainInput("The AD DNS domain whose object is created (when it has none).");
        var create = new Command("create", "Create a domain's Kerberos server object when it has none (an existing one is left as it is).");
        input.AddTo(create);
        TenantChoice.AddTo(create);
        create.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped; nothing more was sent to the agent", async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var errors = new List<ValidationError>();
            var (name, mode, timeout) = input.Read(parse, errors);
            if (errors.Count > 0)
            {
                throw new InvalidInputException("kerberos create (nothing was sent)", errors);
            }

            var settings = TenantChoice.Read(parse);
            using var loggers = CliLogging.Create();
            using var connection = TenantConnection.Open(settings, TimeProvider.System, loggers);
            var call = new AgentKerberosCall(connection.Sender, terminal, TimeProvider.System);
            var existing = mode == CloudSignInMode.Attended ? await call.SendAsync(KerberosOperationRequest.ReadKerberosServerDirectory(name), ct) : null;
            var result = existing is { Succeeded: true, Directory.Exists: true } || existing is { Succeeded: false }
                ? existing
                : await call.RunAsync(mode, KerberosOperationRequest.EnsureKerberosServer(name), timeout, ct);
            var outcome = !result.Succeeded ? KerberosCreation.Failed : result.Changed ? KerberosCreation.Created : KerberosCreation.Existed;
            var signIn = mode == CloudSignInMode.Attended ? CloudSignInPolicy.AttendedEverywhere : CloudSignInPolicy.PasswordEverywhere;
            var status = result.Succeeded ? (await DomainKerberosStatus.ReadAllAsync(connection.Sender, [name], signIn, settings.CreateClock().GetUtcNow(), ct))[0] : null;
            var report = new KerberosCreateReport(name, CloudSignInModes.Name(mode), outcome, result.ErrorCode, result.ErrorMessage, status);
            Print(terminal, scope.Json, report);
            return outcome == KerberosCreation.Failed
                ? result.ErrorCode == KerberosErrorCodes.DomainNotFound ? ExitCodes.NotFound : ExitCodes.Failed
                : status is { Healthy: true } ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return create;
    }

    private static void Print(Terminal terminal, bool json, KerberosCreateReport report)
    {
        if (report.Outcome == KerberosCreation.Failed)
        {
            terminal.Error($"{report.ErrorCode}: {report.ErrorMessage}");
        }

        if (json)
        {
            terminal.Json(report);
            return;
        }

        switch (report.Outcome)
        {
            case KerberosCreation.Failed:
                return;
            case KerberosCreation.Created:
                terminal.Line(Tone.Good, $"created the Kerberos server object of {report.Domain} ({report.CloudSignIn} sign-in)");
                break;
            default:
                terminal.Line($"{report.Domain} already has a Kerberos server object; it is left as it is");
                break;
        }

        KerberosStatusText.Row(terminal, report.Status!);
    }
}

/// <summary>What <c>kerberos create</c> did.</summary>
internal enum KerberosCreation
{
    /// <summary>The object was created.</summary>
    Created,

    /// <summary>The object existed and was left as it is.</summary>
    Existed,

    /// <summary>Nothing was created (the error says why).</summary>
    Failed,
}

/// <summary>The document <c>kerberos create --json</c> prints.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="CloudSignIn"><c>attended</c> or <c>password</c>.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="ErrorCode">A <see cref="KerberosErrorCodes"/> value when nothing was created.</param>
/// <param name="ErrorMessage">Why, and what to do.</param>
/// <param name="Status">The object afterwards, as <c>kerberos status</c> reads it; null when the operation failed.</param>
internal sealed record KerberosCreateReport(string Domain, string CloudSignIn, KerberosCreation Outcome, string? ErrorCode, string? ErrorMessage, DomainKerberosStatus? Status);
