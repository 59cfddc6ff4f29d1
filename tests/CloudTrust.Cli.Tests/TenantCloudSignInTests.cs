using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// Where the CLI's Kerberos reads take each domain's cloud sign-in from: the policy a command was given, else the
/// settings' <c>rotationPolicy</c> (relative to the settings file), else attended everywhere; bad values are named by path.
/// </summary>
public sealed class TenantCloudSignInTests : IDisposable
{
    private const string Base = """
        "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "clientId": "app", "keyVaultUri": "https://kv.example/",
        "relay": { "address": "https://relay.example/", "hybridConnection": "hc", "sendRule": "send" }
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("cloudtrust-signin-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void The_given_policy_wins_then_the_settings_policy_then_attended_everywhere()
    {
        File.WriteAllText(Path.Combine(dir, "rotation.json"), """{ "schedule": "0 0 3 * * 0", "cloudSignIn": "password", "cloudSignInByDomain": { "emea.contoso.com": "attended" } }""");
        var withPolicy = TenantSettings.Read(Write("with.json", "{" + Base + """, "rotationPolicy": "rotation.json" }"""));
        var without = TenantSettings.Read(Write("without.json", "{" + Base + "}"));
        var given = RotationPolicyReader.Read("""{ "schedule": "0 0 3 * * 0", "cloudSignInByDomain": { "contoso.com": "password" } }""");

        Assert.Equal(Path.Combine(dir, "rotation.json"), withPolicy.RotationPolicyPath);
        Assert.Equal(CloudSignInMode.Password, TenantCloudSignIn.Read(withPolicy).For("contoso.com"));
        Assert.Equal(CloudSignInMode.Attended, TenantCloudSignIn.Read(withPolicy).For("emea.contoso.com"));
        Assert.Equal(CloudSignInMode.Attended, TenantCloudSignIn.Read(without).For("contoso.com"));
        Assert.Equal(CloudSignInMode.Password, TenantCloudSignIn.Read(without, given).For("contoso.com"));
        Assert.Equal(CloudSignInMode.Attended, TenantCloudSignIn.Read(withPolicy, given).For("fabrikam.com"));
    }

    [Theory]
    [InlineData("\"rotationPolicy\": \"absent.json\"", "rotationPolicy: no file at")]
    [InlineData("\"rotationPolicy\": 7", "rotationPolicy: must be the path of a rotation policy file")]
    public void A_bad_rotation_policy_setting_is_named_by_its_path(string section, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => TenantSettings.Read(Write("bad.json", "{" + Base + ", " + section + "}")));

        Assert.Contains(error.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_policy_file_is_reported_under_rotation_policy()
    {
        File.WriteAllText(Path.Combine(dir, "rotation.json"), """{ "schedule": "0 0 3 * * 0", "cloudSignIn": "sometimes" }""");
        var settings = TenantSettings.Read(Write("s.json", "{" + Base + """, "rotationPolicy": "rotation.json" }"""));

        var error = Assert.Throws<InvalidInputException>(() => TenantCloudSignIn.Read(settings));

        Assert.Contains(error.Errors, e => e.ToString().StartsWith("rotationPolicy.cloudSignIn: must be", StringComparison.Ordinal));
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
