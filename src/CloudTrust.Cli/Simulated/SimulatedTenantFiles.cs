using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Cli.Tenant;

namespace CloudTrust.Cli.Simulated;

/// <summary>Writes what a CLI in another process needs to use a running simulated tenant: settings, certificate, a sample plan, the client-secret file.</summary>
internal static class SimulatedTenantFiles
{
    public const string SettingsFile = "tenant.json";
    public const string CertificateFile = "simulator.pem";
    public const string PlanFile = "plan.json";
    public const string RotationPolicyFile = "rotation.json";
    public const string ClientSecretFile = "client-secret";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteSettings(string path, SimulatedTenantEndpoints endpoints, SimulatedClockSettings clock)
    {
        var document = new JsonObject
        {
            ["tenantId"] = endpoints.TenantId.ToString(),
            ["clientId"] = endpoints.ClientId,
            ["keyVaultUri"] = endpoints.BaseAddress.ToString(),
            ["relay"] = new JsonObject
            {
                ["address"] = endpoints.BaseAddress.ToString(),
                ["hybridConnection"] = endpoints.HybridConnection,
                ["sendRule"] = endpoints.SendRule,
            },
            ["authorityHost"] = endpoints.BaseAddress.ToString(),
            ["graphAddress"] = endpoints.BaseAddress.ToString(),
            ["trustedCertificate"] = CertificateFile,
            ["credential"] = new JsonObject { ["kind"] = "clientSecret" },
            ["rotationPolicy"] = RotationPolicyFile,
            ["simulatedClock"] = new JsonObject
            {
                ["anchorUtc"] = clock.AnchorUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["simulatedStart"] = clock.SimulatedStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["factor"] = clock.Factor,
            },
        };
        WriteAtomically(path, document.ToJsonString(Indented));
    }

    public static void WriteSamplePlan(string path, Guid tenantId, IReadOnlyList<SimulatedRing> rings, IReadOnlyList<string> domains)
    {
        var ringArray = new JsonArray();
        for (var i = 0; i < rings.Count; i++)
        {
            var hours = 4 * (i + 1);
            ringArray.Add(new JsonObject
            {
                ["name"] = rings[i].Name,
                ["groupIds"] = new JsonArray(rings[i].GroupId.ToString()),
                ["successThreshold"] = 0.95,
                ["maxErrorShare"] = 0.03,
                ["soak"] = TimeSpan.FromHours(hours).ToString("c", CultureInfo.InvariantCulture),
                ["verificationDeadline"] = "2.00:00:00",
                ["requireApproval"] = i == 1 && rings.Count > 2,
            });
        }

        var plan = new JsonObject
        {
            ["tenantId"] = tenantId.ToString(),
            ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]),
            ["profileMode"] = "settingsCatalog",
            ["profileName"] = "CloudTrust WHfB cloud Kerberos trust",
            ["requireSecurityDevice"] = true,
            ["pollInterval"] = "00:30:00",
            ["rings"] = ringArray,
        };
        WriteAtomically(path, plan.ToJsonString(Indented));
    }

    /// <summary>Writes a sample rotation policy (the format is in docs/ROTATION.md): weekly on Sunday at 03:00 UTC, keys older than 30 days, in a night window.</summary>
    public static void WriteSampleRotationPolicy(string path, IReadOnlyList<string> domains)
    {
        var policy = new JsonObject
        {
            ["schedule"] = "0 0 3 * * 0",
            ["maxKeyAgeDays"] = 30,
            ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]),
            ["maintenanceWindow"] = new JsonObject { ["start"] = "01:00", ["end"] = "05:00" },
            ["requireApproval"] = false,
            ["freeze"] = false,
            ["convergenceDeadlineMinutes"] = 120,
            ["pollIntervalMinutes"] = 5,

            // The simulated tenant's cloud administrator is a stored account without MFA, so the sample can rotate
            // unattended; a real tenant keeps the default, attended (docs/ROTATION.md).
            ["cloudSignIn"] = "password",
        };
        WriteAtomically(path, policy.ToJsonString(Indented));
    }

    /// <summary>Writes the client secret readable by the owner only (0600 from creation on Unix).</summary>
    public static void WriteSecret(string path, string secret)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(secret);
    }

    private static void WriteAtomically(string path, string text) => Output.OutputFile.WriteText("--dir", path, text);
}

/// <summary>Where a simulated tenant answers and as whom to sign in (no secret).</summary>
/// <param name="BaseAddress">The one HTTPS loopback address serving Entra, Graph, Key Vault and the relay.</param>
/// <param name="TenantId">The tenant id.</param>
/// <param name="ClientId">The CLI app's client id.</param>
/// <param name="HybridConnection">The relay hybrid connection's name.</param>
/// <param name="SendRule">The Send-only SAS rule's name.</param>
public sealed record SimulatedTenantEndpoints(Uri BaseAddress, Guid TenantId, string ClientId, string HybridConnection, string SendRule);
