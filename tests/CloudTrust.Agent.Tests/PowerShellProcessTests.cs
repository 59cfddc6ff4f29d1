using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// The PowerShell backend's process plumbing (arguments, credentials on standard input, output, timeout), with a
/// small shell script standing in for powershell.exe, since Windows PowerShell 5.1 does not exist on Linux.
/// </summary>
public sealed class PowerShellProcessTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cloudtrust-ps-" + Guid.NewGuid().ToString("N"));
    private readonly string executable;

    public PowerShellProcessTests()
    {
        Directory.CreateDirectory(directory);
        executable = Path.Combine(directory, "fake-powershell.sh");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fake-powershell.sh"), executable);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PowerShell", "get-healthy.stdout.txt"), Path.Combine(directory, "answer.json"));
    }

    private static KerberosAdminCredentials Credentials => new() { CloudUserName = "hia@contoso.com", CloudPassword = "pw-cloud-secret", DomainUserName = "CONTOSO\\da", DomainPassword = "pw-domain-secret" };

    [Fact]
    public async Task The_backend_runs_the_fixed_script_with_credentials_on_standard_input()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in is a POSIX shell script; on Windows the real powershell.exe exists anyway
        }

        var backend = new PowerShellBackend(new PowerShellOptions { Executable = executable, ScriptPath = directory }, NullLogger<PowerShellBackend>.Instance);

        var result = await backend.ExecuteAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), Credentials, default);

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(25025, result.Server!.Id);
        var args = File.ReadAllLines(Path.Combine(directory, "args.txt"));
        Assert.Equal(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", directory, "-Operation", "GetKerberosServer", "-Domain", "contoso.com"], args);
        Assert.DoesNotContain(args, a => a.Contains("pw-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_hangs_is_killed_and_reported_as_a_timeout()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in is a POSIX shell script; on Windows the real powershell.exe exists anyway
        }

        File.WriteAllText(Path.Combine(directory, "sleep"), string.Empty);
        var backend = new PowerShellBackend(new PowerShellOptions { Executable = executable, ScriptPath = directory, Timeout = TimeSpan.FromMilliseconds(300) }, NullLogger<PowerShellBackend>.Instance);

        var result = await backend.ExecuteAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), Credentials, default);

        Assert.Equal(KerberosErrorCodes.Timeout, result.ErrorCode);
    }

    [Fact]
    public async Task A_missing_powershell_is_reported_clearly()
    {
        var backend = new PowerShellBackend(new PowerShellOptions { Executable = Path.Combine(directory, "no-such-powershell.exe"), ScriptPath = directory }, NullLogger<PowerShellBackend>.Instance);

        var result = await backend.ExecuteAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), Credentials, default);

        Assert.Equal(KerberosErrorCodes.ModuleMissing, result.ErrorCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
