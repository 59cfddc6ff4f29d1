using System.Text.Json;

namespace CloudTrust.Tests.Shared;

/// <summary>
/// Appends one JSON line per reliability scenario that passed to the file named by <c>CLOUDTRUST_RELIABILITY_LEDGER</c>
/// (when set), so docs/RELIABILITY.md can be regenerated from what the suite actually ran.
/// </summary>
internal static class ReliabilityLedger
{
    private static readonly Lock Gate = new();

    public static void Record(string suite, string scenario, int count, int duplicates)
    {
        var path = Environment.GetEnvironmentVariable("CLOUDTRUST_RELIABILITY_LEDGER");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var line = JsonSerializer.Serialize(new { suite, scenario, count, duplicates, passed = true });
        lock (Gate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
