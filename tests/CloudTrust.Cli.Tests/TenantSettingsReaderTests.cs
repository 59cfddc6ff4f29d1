using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Tests;

public sealed class TenantSettingsReaderTests : IDisposable
{
    private const string Base = """
        "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "clientId": "app", "keyVaultUri": "https://kv.example/",
        "relay": { "address": "https://relay.example/", "hybridConnection": "hc", "sendRule": "send" }
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("cloudtrust-settings-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Without_the_optional_sections_the_defaults_are_the_public_cloud_a_client_secret_and_the_system_clock()
    {
        var settings = TenantSettings.Read(Write("{" + Base + "}"));

        Assert.Equal(new Uri("https://graph.microsoft.com/"), settings.GraphAddress);
        Assert.Equal(CredentialKind.ClientSecret, settings.Credential.Kind);
        Assert.Null(settings.SimulatedClock);
        Assert.Same(TimeProvider.System, settings.CreateClock());
    }

    [Fact]
    public void Every_optional_section_is_read()
    {
        File.WriteAllText(Path.Combine(dir, "app.pem"), "placeholder");
        var settings = TenantSettings.Read(Write("{" + Base + """
            , "graphAddress": "https://graph.example/", "credential": { "kind": "clientCertificate", "certificatePath": "app.pem" },
              "simulatedClock": { "anchorUtc": "2026-11-23T01:00:00Z", "simulatedStart": "2026-12-01T08:00:00Z", "factor": 3600 } }
            """));

        Assert.Equal(new Uri("https://graph.example/"), settings.GraphAddress);
        Assert.Equal(CredentialKind.ClientCertificate, settings.Credential.Kind);
        Assert.Equal(Path.Combine(dir, "app.pem"), settings.Credential.CertificatePath);
        Assert.Equal(new SimulatedClockSettings(new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), 3600), settings.SimulatedClock);
        Assert.True(settings.CreateClock().GetUtcNow() > new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("\"credential\": { \"kind\": \"password\" }", "credential.kind: must be one of clientSecret, clientCertificate, deviceCode, interactiveBrowser, managedIdentity")]
    [InlineData("\"credential\": { \"kind\": \"clientCertificate\" }", "credential.certificatePath: required when kind is clientCertificate")]
    [InlineData("\"credential\": { \"kind\": \"clientCertificate\", \"certificatePath\": \"absent.pfx\" }", "credential.certificatePath: no file at")]
    [InlineData("\"credential\": { \"kind\": \"managedIdentity\", \"managedIdentityClientId\": \"abc\" }", "credential.managedIdentityClientId: not a GUID")]
    [InlineData("\"credential\": { \"kind\": \"deviceCode\", \"certificatePath\": \"x.pem\" }", "credential.certificatePath: only for kind clientCertificate")]
    [InlineData("\"credential\": \"clientSecret\"", "credential: must be an object")]
    [InlineData("\"graphAddress\": \"http://graph.example/\"", "graphAddress: must be an https:// address")]
    [InlineData("\"simulatedClock\": { \"anchorUtc\": \"yesterday\", \"simulatedStart\": \"2026-12-01T08:00:00Z\", \"factor\": 10 }", "simulatedClock.anchorUtc: must be a date and time")]
    [InlineData("\"simulatedClock\": { \"anchorUtc\": \"2026-11-23T01:00:00Z\", \"simulatedStart\": \"2026-12-01T08:00:00Z\", \"factor\": 0.5 }", "simulatedClock.factor: must be a number, 1 or more")]
    public void A_bad_optional_section_is_named_by_its_path(string section, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => TenantSettings.Read(Write("{" + Base + ", " + section + "}")));

        Assert.Contains(error.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var error = Assert.Throws<InvalidInputException>(() => TenantSettings.Read(Write("""{ "tenantId": "x", "credential": { "kind": 3 }, "simulatedClock": {} }""")));

        var messages = error.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("tenantId: not a GUID", messages);
        Assert.Contains("clientId: required", messages);
        Assert.Contains(messages, m => m.StartsWith("credential.kind: must be one of", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("simulatedClock.factor:", StringComparison.Ordinal));
    }

    private string Write(string json)
    {
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
