namespace CloudTrust.Integrations.TicketProbe;

/// <summary>
/// Reads the message of event 358 (or 360) of the <c>Microsoft-Windows-User Device Registration/Admin</c> log: one
/// prerequisite a line, <c>Label: Yes|No|Not Tested</c> (some labels end in <c> : </c>), for example
/// <c>Cloud trust for on premise auth policy is enabled: Yes</c> and the cloud trust prerequisite check
/// <c>User account has Cloud TGT: Not Tested</c>. Only English labels are known; other languages read as not reported.
/// </summary>
public static class Event358Message
{
    /// <summary>The label of the cloud-trust policy line.</summary>
    public const string CloudTrustPolicy = "Cloud trust for on premise auth policy is enabled";

    /// <summary>The label of the cloud trust prerequisite check.</summary>
    public const string CloudTgtCheck = "User account has Cloud TGT";

    /// <summary>The label of the Remote Desktop line (Yes when the user is not connected over Remote Desktop).</summary>
    public const string NotRemoteDesktop = "User is not connected to the machine via Remote Desktop";

    /// <summary>Reads every <c>Label: Value</c> line, first occurrence of each label.</summary>
    /// <param name="message">The event's message text.</param>
    /// <returns>Label → value.</returns>
    public static IReadOnlyDictionary<string, string> Read(string? message)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in (message ?? string.Empty).Split('\n'))
        {
            var index = line.LastIndexOf(':');
            if (index <= 0)
            {
                continue;
            }

            var label = line[..index].Trim();
            var value = line[(index + 1)..].Trim();
            if (label.Length > 0 && value is "Yes" or "No" or "Not Tested")
            {
                values.TryAdd(label, value);
            }
        }

        return values;
    }

    /// <summary>Reads a Yes/No line as a boolean; null when absent or Not Tested.</summary>
    /// <param name="values">What <see cref="Read"/> returned.</param>
    /// <param name="label">The line's label.</param>
    /// <returns>The value.</returns>
    public static bool? YesNo(IReadOnlyDictionary<string, string> values, string label)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(label, out var v) ? v switch { "Yes" => true, "No" => false, _ => null } : null;
    }
}
