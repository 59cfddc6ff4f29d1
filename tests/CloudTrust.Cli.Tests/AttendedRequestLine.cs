namespace CloudTrust.Cli.Tests;

/// <summary>The line a <c>kerberos</c> command prints while it waits for an administrator on the agent's host.</summary>
internal static class AttendedRequestLine
{
    private const string Marker = "CloudTrust.Agent kerberos complete ";

    /// <summary>Waits until the running command prints the agent command, checks it names this host, and returns its request id.</summary>
    /// <param name="run">The running CLI.</param>
    /// <returns>The attended request's id.</returns>
    public static async Task<string> WaitForRequestIdAsync(CliRun run)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!run.Stdout.Contains(Marker, StringComparison.Ordinal))
        {
            Assert.False(run.HasExited, run.Stdout + run.Stderr);
            await Task.Delay(50, giveUp.Token);
        }

        Assert.Contains("waiting for an administrator to sign in on " + Environment.MachineName, run.Stdout, StringComparison.Ordinal);
        var at = run.Stdout.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return run.Stdout[at..run.Stdout.IndexOf(' ', at)];
    }
}
