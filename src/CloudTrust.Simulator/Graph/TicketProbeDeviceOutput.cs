using System.Globalization;
using System.Text.Json;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// What the ticket probe prints on a simulated device: one line of JSON whose texts are the lines a real device's tools
/// print, written from their published formats — <c>dsregcmd /status</c> (<c>Key : VALUE</c>, Microsoft Learn
/// "Troubleshoot devices by using the dsregcmd command"), event 358's prerequisite lines (<c>Label: Yes</c>), <c>reg query</c>
/// value lines (<c>Name    REG_DWORD    0x1</c>), <c>nltest /dsgetdc</c> (<c>DC: \\name</c>, or
/// <c>Getting DC name failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN</c>) and <c>whoami /groups /fo csv /nh</c>.
/// </summary>
internal static class TicketProbeDeviceOutput
{
    private const string DomainSid = "S-1-5-21-1004336348-1177238915-682003330";

    /// <summary>The domain of users whose domain has no Kerberos server object.</summary>
    public const string OtherDomain = "lab.contoso.example";

    /// <summary>Writes the device's output and whether it holds both tickets.</summary>
    /// <param name="device">The device.</param>
    /// <param name="policyApplied">Whether Intune's cloud-trust policy applied on it.</param>
    /// <param name="userDnsDomain">The fleet's AD domain.</param>
    /// <param name="now">When it ran.</param>
    /// <returns>The output line and whether both tickets are present.</returns>
    public static (string Output, bool Works) For(SimulatedDevice device, bool policyApplied, string userDnsDomain, DateTimeOffset now)
    {
        var fault = device.TicketFault;
        var domain = fault == TicketFault.OtherDomain ? OtherDomain : userDnsDomain;
        var cloudTrustOn = policyApplied && fault != TicketFault.CloudTrustGpoOff;
        var cloudTgt = cloudTrustOn && fault != TicketFault.StalePrt;
        var onPremTgt = cloudTgt && !device.User.IsAdmin && fault is TicketFault.None;
        var hybrid = device.JoinType == "hybridAzureADJoined";
        var prtTime = (fault == TicketFault.StalePrt ? now.AddDays(-9) : now.AddHours(-2)).ToString("yyyy-MM-dd HH:mm:ss.000 'UTC'", CultureInfo.InvariantCulture);
        var dsregcmd = string.Join('\n',
            "AzureAdJoined : YES",
            $"DomainJoined : {Yes(hybrid)}",
            "AzureAdPrt : YES",
            $"AzureAdPrtUpdateTime : {prtTime}",
            $"OnPremTgt : {Yes(onPremTgt)}",
            $"CloudTgt : {Yes(cloudTgt)}");
        var policy = new List<string>();
        if (fault == TicketFault.CloudTrustGpoOff)
        {
            policy.Add("UseCloudTrustForOnPremAuth    REG_DWORD    0x0");
        }

        if (policyApplied)
        {
            policy.Add("UsePassportForWork    REG_DWORD    0x1");
            policy.Add("UseCloudTrustForOnPremAuth    REG_DWORD    0x1");
            policy.Add("RequireSecurityDevice    REG_DWORD    0x1");
        }

        var event358 = policyApplied
            ? string.Join('\n',
                "Device is AAD joined ( AADJ or DJ++ ): Yes",
                "User has logged on with AAD credentials: Yes",
                "Windows Hello for Business policy is enabled: Yes",
                $"User is not connected to the machine via Remote Desktop: {(fault == TicketFault.RemoteDesktop ? "No" : "Yes")}",
                "User certificate for on premise auth policy is enabled: No",
                $"Cloud trust for on premise auth policy is enabled: {(cloudTrustOn ? "Yes" : "No")}",
                $"User account has Cloud TGT: {(cloudTrustOn ? (cloudTgt ? "Yes" : "No") : "Not Tested")}")
            : string.Empty;
        var dcLocator = fault == TicketFault.OffNetwork
            ? "Getting DC name failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN"
            : $"DC: \\\\DC01.{domain}";
        var groups = device.User.IsAdmin
            ? $"\"{domain.Split('.')[0].ToUpperInvariant()}\\Domain Admins\",\"Group\",\"{DomainSid}-512\",\"Mandatory group, Enabled by default, Enabled group\""
            : string.Empty;
        var line = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["probe"] = "cloudtrust-ticket/2",
            ["dsregcmd"] = dsregcmd,
            ["event358"] = event358,
            ["policy"] = string.Join('\n', policy),
            ["dcLocator"] = dcLocator,
            ["groups"] = groups,
            ["userDnsDomain"] = domain.ToUpperInvariant(),
            ["logonType"] = fault == TicketFault.RemoteDesktop ? 10 : 2,
        });
        return (line, onPremTgt && cloudTgt);
    }

    private static string Yes(bool value) => value ? "YES" : "NO";
}
