namespace CloudTrust.Integrations.TicketProbe;

/// <summary>
/// Reads whether a DC of the user's domain could be located, from <c>nltest /dsgetdc:&lt;domain&gt;</c> (a
/// <c>DC: \\name</c> line on success; <c>Getting DC name failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN</c> when
/// none answers) or, where nltest is missing, from the probe's own lookup of the
/// <c>_ldap._tcp.dc._msdcs.&lt;domain&gt;</c> SRV record (lines <c>SRV &lt;target&gt;</c> or <c>SRV none</c>).
/// </summary>
public static class DcLocatorOutput
{
    /// <summary>Reads the output.</summary>
    /// <param name="output">The locator's output.</param>
    /// <returns>True when a DC was located, false when the lookup failed, null when the output says neither.</returns>
    public static bool? Located(string? output)
    {
        bool? located = null;
        foreach (var raw in (output ?? string.Empty).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(@"DC: \\", StringComparison.Ordinal) || (line.StartsWith("SRV ", StringComparison.Ordinal) && line != "SRV none"))
            {
                return true;
            }

            if (line.StartsWith("Getting DC name failed", StringComparison.Ordinal) || line == "SRV none")
            {
                located = false;
            }
        }

        return located;
    }
}
