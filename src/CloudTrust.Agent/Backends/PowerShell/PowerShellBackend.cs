using System.Diagnostics;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Runs operations through Windows PowerShell 5.1 and the AzureADHybridAuthenticationManagement module with the
/// fixed script shipped in the agent (<c>Scripts/KerberosServer.ps1</c>). Credentials come from Key Vault through
/// <paramref name="credentials"/> and reach the script on standard input only.
/// </summary>
internal sealed partial class PowerShellBackend(PowerShellOptions options, Func<CancellationToken, Task<KerberosAdminCredentials>> credentials, ILogger<PowerShellBackend> logger) : IKerberosBackend
{
    /// <inheritdoc />
    public string Name => "PowerShell";

    /// <inheritdoc />
    public async Task<KerberosOperationResult> ExecuteAsync(KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        KerberosAdminCredentials? admin = null;
        if (request.Operation is not (KerberosOperations.CheckDomainPrerequisites or KerberosOperations.FindPrivilegedUsers or KerberosOperations.ListHelloGroupPolicies))
        {
            try
            {
                admin = await credentials(cancellationToken);
            }
            catch (Integrations.KeyVault.SecretUnavailableException ex)
            {
                return KerberosOperationResult.Failure(request, KerberosErrorCodes.CredentialsUnavailable, ex.Message);
            }
        }

        var start = PowerShellInvocation.Build(options, request);
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
