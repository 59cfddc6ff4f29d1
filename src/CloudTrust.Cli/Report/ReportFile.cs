using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Output;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Report;

/// <summary>Builds a rollout's report from the journal and writes it as one HTML file (atomically: a crash leaves the old one, and no temporary file).</summary>
internal static class ReportFile
{
    public static async Task<string> WriteAsync(string databasePath, string rolloutId, IReadOnlyList<DomainKerberosStatus> kerberos, string path, string option, CancellationToken cancellationToken)
    {
        RunReport report;
        await using (var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = databasePath, RunInstances = false }))
        {
            report = RunReportBuilder.Build(engine, databasePath, rolloutId, kerberos);
        }

        return await OutputFile.WriteAsync(option, path, (writer, _) => { HtmlReportWriter.Write(report, writer); return Task.CompletedTask; }, cancellationToken);
    }
}
