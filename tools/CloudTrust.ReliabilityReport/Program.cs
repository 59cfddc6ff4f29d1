using System.Diagnostics;
using System.Text.Json;
using CloudTrust.ReliabilityReport;

// Runs the test suite with a ledger, then writes docs/RELIABILITY.md from it. With --ledger FILE it only renders.
var repository = FindRepository();
var ledgerArg = Array.IndexOf(args, "--ledger");
string ledger;
var passed = true;
if (ledgerArg >= 0 && ledgerArg + 1 < args.Length)
{
    ledger = Path.GetFullPath(args[ledgerArg + 1]);
}
else
{
    ledger = Path.Combine(repository, "TestResults", "reliability-ledger.jsonl");
    Directory.CreateDirectory(Path.GetDirectoryName(ledger)!);
    File.Delete(ledger);
    var test = new ProcessStartInfo("dotnet", ["test", Path.Combine(repository, "CloudTrust.slnf"), "-c", "Release"]) { UseShellExecute = false };
    test.Environment["CLOUDTRUST_RELIABILITY_LEDGER"] = ledger;
    using var process = Process.Start(test)!;
    await process.WaitForExitAsync();
    passed = process.ExitCode == 0;
}

var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var entries = File.Exists(ledger)
    ? File.ReadLines(ledger).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<LedgerEntry>(l, options)!).ToList()
    : [];
using var threat = typeof(LedgerEntry).Assembly.GetManifestResourceStream("CloudTrust.ReliabilityReport.ThreatModel.md")!;
var machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}";
var markdown = ReliabilityMarkdown.Render(entries, passed, machine, DateTimeOffset.UtcNow, await new StreamReader(threat).ReadToEndAsync());
var output = Path.Combine(repository, "docs", "RELIABILITY.md");
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine($"{entries.Count} scenarios from {ledger} → {output}{(passed ? string.Empty : " (the test run failed)")}");
return passed ? 0 : 1;

static string FindRepository()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "CloudTrust.slnf")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the CloudTrust repository");
}
