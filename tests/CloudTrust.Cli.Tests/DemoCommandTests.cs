using System.Text.RegularExpressions;

namespace CloudTrust.Cli.Tests;

/// <summary><c>cloudtrust demo</c> end to end, as the README's main job: the real binary, its exit code and its output.</summary>
[RunsLong(19)]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_creates_the_kerberos_objects_rolls_out_approves_the_failing_ring_rotates_and_reports()
    {
        var directory = Directory.CreateTempSubdirectory("cloudtrust-demo-").FullName;
        var canary = "CANARY" + Guid.NewGuid().ToString("N");
        try
        {
            var result = await CliProcess.RunAsync(
                ["demo", "--dir", directory, "--devices", "1200", "--json"],
                new Dictionary<string, string> { ["CLOUDTRUST_CLIENT_SECRET"] = canary },
                TimeSpan.FromMinutes(3));

            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
            // --json: the one document on standard output, the story on standard error.
            using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
            Assert.Equal("Completed", json.RootElement.GetProperty("outcome").GetString());
            Assert.Equal(["pilot", "early", "broad"], json.RootElement.GetProperty("rings").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
            Assert.Equal(2, json.RootElement.GetProperty("rotation").GetArrayLength());
            var output = result.Stderr;
            CommandLineContractTests.AssertProgressReadsWell(output);
            Assert.Contains("no Kerberos server object yet", output, StringComparison.Ordinal);
            Assert.Contains("ring 2/3 'early' failed its gate; the rollout is paused", output, StringComparison.Ordinal);
            Assert.Contains("an admin accepts ring 'early'", output, StringComparison.Ordinal);
            Assert.Matches(@"rollout demo-rollout-\S+ completed", output);
            Assert.Contains("(resumed by a person)", output, StringComparison.Ordinal);
            Assert.Matches(@"contoso\.com: rotated \(key version \d+ -> \d+\)", output);
            Assert.Matches(@"emea\.contoso\.com: rotated \(key version \d+ -> \d+\)", output);
            Assert.Matches(@"emea\.contoso\.com: healthy, key version (\d+) \(cloud \1\)", output);
            Assert.Contains("2 key(s) rotated", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory, "demo.db")), "no journal");
            var report = await File.ReadAllTextAsync(Path.Combine(directory, "report.html"));
            Assert.Equal(3, Regex.Matches(report, "<tr class=\"ring\"").Count);
            Assert.Contains("(resumed by a person)", report, StringComparison.Ordinal);

            var status = await PrintedCommand.RunAsync(PrintedCommand.Find(output, "rollout status") + " --json");
            Assert.Equal(0, status.ExitCode);
            Assert.Contains("\"phase\": \"done\"", status.Stdout, StringComparison.Ordinal);

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Assert.DoesNotContain(canary, result.Stdout + result.Stderr, StringComparison.Ordinal);
            var files = 0;
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                Assert.False(File.ReadAllText(file).Contains(canary, StringComparison.Ordinal), $"the client secret is in {file}");
                files++;
            }

            CloudTrust.Tests.Shared.ReliabilityLedger.Record("secret-hygiene", "cloudtrust demo: output, journal, report, plan, tenant and agent files", files + 2, duplicates: 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
