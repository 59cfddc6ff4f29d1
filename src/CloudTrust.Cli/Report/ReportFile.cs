using CloudTrust.Cli.Commands;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Report;

/// <summary>Builds a rollout's report from the journal and writes it as one HTML file (atomically: a crash leaves the old one).</summary>
internal static class ReportFile
{
    public static async Task<string> WriteAsync(string databasePath, string rolloutId, IReadOnlyList<DomainKerberosStatus> kerberos, string path, CancellationToken cancellationToken)
    {
        RunReport report;
        await using (var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = databasePath, RunInstances = false }))
        {
            report = RunReportBuilder.Build(engine, databasePath, rolloutId, kerberos);
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var writer = new StreamWriter(temporary))
        {
            HtmlReportWriter.Write(report, writer);
            await writer.FlushAsync(cancellationToken);
        }

        File.Move(temporary, full, overwrite: true);
        return full;
    }
}
