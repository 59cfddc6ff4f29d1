using System.Globalization;

namespace CloudTrust.Integrations.TicketProbe;

/// <summary>
/// Reads the PassportForWork policy values a device holds, from <c>reg query</c> output of the key the MDM
/// PassportForWork CSP writes (<c>HKLM\SOFTWARE\Microsoft\Policies\PassportForWork\{tenant}\Device\Policies</c>) or the
/// Group Policy key (<c>HKLM\SOFTWARE\Policies\Microsoft\PassportForWork</c>): value lines
/// <c>    UseCloudTrustForOnPremAuth    REG_DWORD    0x1</c>.
/// </summary>
public static class PassportForWorkValues
{
    /// <summary>Reads every <c>REG_DWORD</c> value line, first occurrence of each name.</summary>
    /// <param name="regQuery">The command's output.</param>
    /// <returns>Value name → whether it is non-zero.</returns>
    public static IReadOnlyDictionary<string, bool> Read(string? regQuery)
    {
        var values = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in (regQuery ?? string.Empty).Split('\n'))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && parts[1] == "REG_DWORD" && parts[2].StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && uint.TryParse(parts[2].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var number))
            {
                values.TryAdd(parts[0], number != 0);
            }
        }

        return values;
    }

    /// <summary>Gets one value; null when the device does not hold it.</summary>
    /// <param name="values">What <see cref="Read"/> returned.</param>
    /// <param name="name">The value's name.</param>
    /// <returns>The value.</returns>
    public static bool? Get(IReadOnlyDictionary<string, bool> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(name, out var v) ? v : null;
    }
}
