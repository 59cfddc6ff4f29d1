using System.Diagnostics;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Runs operations through Windows PowerShell 5.1 and the AzureADHybridAuthenticationManagement module with the
/// fixed script shipped in the agent (<c>Scripts/KerberosServer.ps1</c>). Credentials come from Key Vault through the
/// dispatcher (per domain) and reach the script on standard input only. An interactive (attended) sign-in runs
/// PowerShell without <c>-NonInteractive</c>, so the module's own sign-in prompt appears in the administrator's session.
/// </summary>
internal sealed partial class PowerShellBackend(PowerShellOptions options, ILogger<PowerShellBackend> logger) : IKerberosBackend
{
    /// <inheritdoc />
    public string Name => "PowerShell";

    /// <inheritdoc />
    public async Task<KerberosOperationResult> ExecuteAsync(KerberosOperationRequest request, KerberosAdminCredentials? credentials, CancellationToken cancellationToken)
    {
        var admin = credentials;
        if (admin is null && KerberosOperations.SignsIn.Contains(request.Operation))
        {
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.CredentialsUnavailable, "the agent has no credentials for this operation");
        }

        var start = PowerShellInvocation.Build(options, request, interactive: admin?.CloudInteractive == true);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.ModuleMissing, $"Windows PowerShell 5.1 was not found at {options.Executable}");
        }

        await process.StandardInput.WriteLineAsync(PowerShellInvocation.StandardInput(request, admin).AsMemory(), cancellationToken);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            LogTimedOut(request.Operation, options.Timeout.TotalSeconds);
            cancellationToken.ThrowIfCancellationRequested();
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.Timeout, $"PowerShell did not finish within {options.Timeout.TotalSeconds:0} s");
        }

        var result = PowerShellOutputParser.Parse(request, process.ExitCode, await output, await error);
        LogRan(request.Operation, process.ExitCode, result.ErrorCode);
        return result;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "PowerShell ran {Operation}: exit {ExitCode} {ErrorCode}")]
    private partial void LogRan(string operation, int exitCode, string? errorCode);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Error, Message = "PowerShell {Operation} timed out after {Seconds} s")]
    private partial void LogTimedOut(string operation, double seconds);
}
