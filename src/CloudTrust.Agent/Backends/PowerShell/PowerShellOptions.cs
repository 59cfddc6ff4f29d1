namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>How the PowerShell backend starts Windows PowerShell 5.1.</summary>
public sealed record PowerShellOptions
{
    /// <summary>Gets the Windows PowerShell 5.1 executable (not pwsh: the module fails under PowerShell 7).</summary>
    public string Executable { get; init; } = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";

    /// <summary>Gets the script shipped with the agent.</summary>
    public string ScriptPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "Scripts", "KerberosServer.ps1");

    /// <summary>Gets how long one run may take before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);
}
