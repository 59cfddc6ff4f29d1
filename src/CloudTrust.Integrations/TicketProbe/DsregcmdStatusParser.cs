namespace CloudTrust.Integrations.TicketProbe;

/// <summary>
/// Parses <c>dsregcmd /status</c> output exactly as the shipped detection script <c>Detect-CloudKerberosTicket.ps1</c>
/// does: every <c>Key : Value</c> line, first occurrence wins, a flag is true only when its value is <c>YES</c>.
/// </summary>
public static class DsregcmdStatusParser
{
    /// <summary>Reads every <c>Key : Value</c> pair.</summary>
    /// <param name="output">The command's output.</param>
    /// <returns>Key → value, first occurrence of each key.</returns>
    public static IReadOnlyDictionary<string, string> ReadValues(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output.Split('\n'))
        {
            var index = line.IndexOf(" : ", StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            var key = line[..index].Trim();
            if (key.Length > 0)
            {
                values.TryAdd(key, line[(index + 3)..].Trim());
            }
        }

        return values;
    }

    /// <summary>Parses the output into the probe's result.</summary>
    /// <param name="output">The command's output.</param>
    /// <returns>The result.</returns>
    public static TicketProbeResult Parse(string output)
    {
        var values = ReadValues(output);
        bool Yes(string key) => values.TryGetValue(key, out var v) && string.Equals(v, "YES", StringComparison.OrdinalIgnoreCase);
        return new TicketProbeResult(Yes("OnPremTgt"), Yes("CloudTgt"), Yes("AzureAdPrt"), Yes("AzureAdJoined"), Yes("DomainJoined"));
    }
}
