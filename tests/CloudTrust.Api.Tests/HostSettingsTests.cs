using System.Text.Json;
using System.Text.RegularExpressions;

namespace CloudTrust.Api.Tests;

public sealed class HostSettingsTests
{
    private static Dictionary<string, string> Sample()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    [Fact]
    public void The_sample_lists_every_setting_and_reads_clean()
    {
        var sample = Sample();

        var (settings, errors) = HostSettings.Read(name => sample.GetValueOrDefault(name));

        Assert.Empty(HostSettings.Names.Except(sample.Keys));
        Assert.Empty(errors);
        Assert.Equal(Guid.Parse(sample["TenantId"]), settings!.TenantId);
        Assert.Null(settings.ManagedIdentityClientId);
        Assert.Equal(sample["RotationSchedule"], settings.RotationPolicy.Schedule);
        Assert.Equal(TimeSpan.FromDays(30), settings.RotationPolicy.MaxKeyAge);
        Assert.Equal(new Uri(sample["RotationHistoryTableUri"]), settings.RotationHistoryTableUri);
        Assert.Equal(sample["RotationHistoryTableName"], settings.RotationHistoryTableName);
    }

    [Fact]
    public void The_bicep_sets_every_setting_the_host_requires()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "infra", "main.bicep"));
        var set = Regex.Matches(bicep, @"\{ name: '(?<name>\w+)'").Select(m => m.Groups["name"].Value).ToHashSet();
        var (_, errors) = HostSettings.Read(_ => null);

        var required = errors.Select(e => e.Path).ToList();

        Assert.Equal(["TenantId", "KeyVaultUri", "RelayAddress", "RelayHybridConnection", "RelaySendRule", "RotationSchedule", "RotationPolicy", "RotationHistoryTableUri"], required);
        Assert.Empty(required.Except(set));
    }

    [Theory]
    [InlineData("TenantId", "contoso", "TenantId: not a GUID")]
    [InlineData("ManagedIdentityClientId", "$(whoami)", "ManagedIdentityClientId: not a GUID")]
    [InlineData("KeyVaultUri", "http://vault.example/", "KeyVaultUri: must be an absolute https address without credentials")]
    [InlineData("RelayAddress", "https://user:pass@relay.example/", "RelayAddress: must be an absolute https address without credentials")]
    [InlineData("GraphAddress", "graph.microsoft.com", "GraphAddress: must be an absolute https address without credentials")]
    [InlineData("RelaySendRule", "cloud send; rm", "RelaySendRule: must be up to 260 letters, digits, '-', '_' or '.'")]
    [InlineData("RotationSchedule", "0 0 4 * * 0", "RotationSchedule: must equal the policy's schedule \"0 0 3 * * 0\" (the timer fires on this one, the policy decides on the other)")]
    [InlineData("RotationPolicy", "{\"schedule\": \"0 0 3 * * 0\", \"maxKeyAge\": \"30.00:00:00\"}", "RotationPolicy.maxKeyAge: unknown setting")]
    [InlineData("RotationPolicy", "{", "RotationPolicy: malformed JSON")]
    [InlineData("KeyVaultUri", "", "KeyVaultUri: required")]
    [InlineData("RotationHistoryTableUri", "http://account.table.core.windows.net/", "RotationHistoryTableUri: must be an absolute https address")]
    [InlineData("RotationHistoryTableName", "rotation-history", "RotationHistoryTableName: must be 3 to 63 letters and digits")]
    [InlineData("RotationHistoryTableName", "1History", "RotationHistoryTableName: must be 3 to 63 letters and digits")]
    public void A_wrong_setting_is_named(string name, string value, string expected)
    {
        var sample = Sample();
        sample[name] = value;

        var (settings, errors) = HostSettings.Read(n => sample.GetValueOrDefault(n));

        Assert.Null(settings);
        Assert.StartsWith(expected, Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }
}
