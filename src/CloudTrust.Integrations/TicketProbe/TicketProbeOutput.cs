using System.Text;
using System.Text.Json;
using CloudTrust.Core.Rollout.Tickets;

namespace CloudTrust.Integrations.TicketProbe;

/// <summary>
/// Reads the line of JSON the ticket probe prints (the device run state's <c>preRemediationDetectionScriptOutput</c>).
/// Version 2 (<c>cloudtrust-ticket/2</c>) carries the tools' own lines — <c>dsregcmd /status</c>, event 358's message,
/// <c>reg query</c> of the PassportForWork values, the DC locator, <c>whoami /groups</c> — plus the user's DNS domain
/// and logon type; version 1 carries only the tickets. Anything else (cut by Intune's 2,048-character limit, another
/// version, another format, another language) is never thrown: it reads as unreadable with the reason, kept short.
/// </summary>
public static class TicketProbeOutput
{
    /// <summary>The version this build's probe prints.</summary>
    public const string Version2 = "cloudtrust-ticket/2";

    /// <summary>The first probe's version: tickets only.</summary>
    public const string Version1 = "cloudtrust-ticket/1";

    /// <summary>How many characters of a reason are kept.</summary>
    public const int MaxReasonLength = 160;

    /// <summary>Reads one device's output.</summary>
    /// <param name="output">The script's output; null or empty when the device reported none.</param>
    /// <returns>The reading.</returns>
    public static TicketProbeReading Read(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return TicketProbeReading.Unreadable("the probe printed nothing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output.Trim(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return TicketProbeReading.Unreadable($"not the probe's JSON ({output.Length} characters, cut or another format): {Clean(output)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return TicketProbeReading.Unreadable($"not the probe's JSON: {Clean(output)}");
            }

            var probe = Text(root, "probe");
            if (Text(root, "error") is { } error)
            {
                return TicketProbeReading.Unreadable($"the probe failed on the device: {Clean(error)}");
            }

            return probe switch
            {
                Version2 => FromVersion2(root),
                Version1 => FromVersion1(root),
                null => TicketProbeReading.Unreadable($"not the probe's JSON: {Clean(output)}"),
                _ => TicketProbeReading.Unreadable($"unknown probe version '{Clean(probe)}'"),
            };
        }
    }

    private static TicketProbeReading FromVersion1(JsonElement root)
    {
        var evidence = new TicketEvidence(Flag(root, "azureAdPrt"), Flag(root, "cloudTgt"), Flag(root, "onPremTgt"));
        return evidence.Works
            ? new TicketProbeReading(evidence, null)
            : new TicketProbeReading(evidence, $"an older probe ({Version1}) reports only the tickets: CloudTgt {YesNo(evidence.CloudTgt)}, OnPremTgt {YesNo(evidence.OnPremTgt)}");
    }

    private static TicketProbeReading FromVersion2(JsonElement root)
    {
        var dsreg = DsregcmdStatusParser.ReadValues(Text(root, "dsregcmd") ?? string.Empty);
        bool? Dsreg(string key) => dsreg.TryGetValue(key, out var v) ? v.Equals("YES", StringComparison.OrdinalIgnoreCase) ? true : v.Equals("NO", StringComparison.OrdinalIgnoreCase) ? false : null : null;
        var cloudTgt = Dsreg("CloudTgt");
        var onPremTgt = Dsreg("OnPremTgt");
        if (cloudTgt is null || onPremTgt is null)
        {
            return TicketProbeReading.Unreadable("dsregcmd's SSO state (CloudTgt, OnPremTgt) is missing from the output: cut, or dsregcmd printed another language");
        }

        var e358 = Event358Message.Read(Text(root, "event358"));
        var policy = PassportForWorkValues.Read(Text(root, "policy"));
        var logonType = root.TryGetProperty("logonType", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var t) ? t : (int?)null;
        var notRemote = Event358Message.YesNo(e358, Event358Message.NotRemoteDesktop);
        var domain = Text(root, "userDnsDomain");
        var evidence = new TicketEvidence(
            Dsreg("AzureAdPrt"),
            cloudTgt,
            onPremTgt,
            CloudTrustPolicyEnabled: Event358Message.YesNo(e358, Event358Message.CloudTrustPolicy),
            CloudTgtCheck: e358.GetValueOrDefault(Event358Message.CloudTgtCheck),
            UseCloudTrust: PassportForWorkValues.Get(policy, "UseCloudTrustForOnPremAuth"),
            UsePassportForWork: PassportForWorkValues.Get(policy, "UsePassportForWork"),
            UseCertificate: PassportForWorkValues.Get(policy, "UseCertificateForOnPremAuth"),
            UserDomain: domain is { Length: > 0 and <= 253 } ? Clean(domain).ToLowerInvariant() : null,
            DcLocated: DcLocatorOutput.Located(Text(root, "dcLocator")),
            PrivilegedGroup: PrivilegedGroups.FirstDenied(Text(root, "groups")) is { } group ? Clean(group) : null,
            RemoteSession: logonType == 10 || notRemote == false,
            RunAs: logonType == 9);
        return new TicketProbeReading(evidence, null);
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static string YesNo(bool? value) => value switch { true => "YES", false => "NO", null => "not reported" };

    /// <summary>Keeps a raw text as a reason: control characters made spaces, cut to <see cref="MaxReasonLength"/>.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The text as kept.</returns>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, MaxReasonLength + 1));
        foreach (var c in text)
        {
            if (builder.Length == MaxReasonLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}

/// <summary>One device's probe output as read.</summary>
/// <param name="Evidence">What it says; null when it could not be read.</param>
/// <param name="UnknownReason">Why it stays unknown whatever the rules say (unreadable, or an older probe without the evidence); null otherwise.</param>
public sealed record TicketProbeReading(TicketEvidence? Evidence, string? UnknownReason)
{
    /// <summary>Gets a value indicating whether the device holds both tickets.</summary>
    public bool Works => Evidence?.Works == true;

    /// <summary>A reading of output that could not be read.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The reading.</returns>
    public static TicketProbeReading Unreadable(string reason) => new(null, reason);
}
