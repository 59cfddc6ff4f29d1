using System.Runtime.InteropServices;

namespace CloudTrust.Tests.Shared;

/// <summary>
/// Sends a POSIX signal to a process with libc's <c>kill(2)</c>, as a service manager (TERM) or Ctrl+C (INT) would. In
/// the calling thread, not through a <c>kill</c> process: a test that times how fast a process stops after a signal
/// then starts its clock when the signal is sent, not before a process that sends it is started on a loaded machine.
/// </summary>
internal static class PosixSignal
{
    /// <summary>Sends <paramref name="name"/> (INT, TERM or KILL) to the process <paramref name="processId"/>.</summary>
    public static void Send(int processId, string name)
    {
        var number = name switch
        {
            "INT" => 2,
            "KILL" => 9,
            "TERM" => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "INT, TERM or KILL"),
        };
        if (Kill(processId, number) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIG{name}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);
}
