using System.Text.Json;
using System.Text.RegularExpressions;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Core.Tests;

/// <summary>The rotation policies shipped as samples (Functions settings, Bicep default) are ones the reader accepts.</summary>
public sealed partial class SampleSettingsTests
{
    [Fact]
    public void The_sample_and_default_rotation_policies_read_clean()
    {
        var root = Repository();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));
        var fromSample = RotationPolicyReader.Read(sample.RootElement.GetProperty("Values").GetProperty("RotationPolicy").GetString()!);
        var bicep = File.ReadAllText(Path.Combine(root, "infra", "main.bicep"));
        // Bicep composes the policy from its parameters: rebuild it from their defaults with the object's own keys.
        var composed = BicepPolicy().Match(bicep);
        Assert.True(composed.Success, "main.bicep no longer composes RotationPolicy from its parameters");
        var defaults = new Dictionary<string, object?>
        {
            [composed.Groups["schedule"].Value] = BicepDefault(bicep, "rotationSchedule").Trim('\''),
            [composed.Groups["age"].Value] = int.Parse(BicepDefault(bicep, "rotationMaxKeyAgeDays"), System.Globalization.CultureInfo.InvariantCulture),
            [composed.Groups["domains"].Value] = Array.Empty<string>(),
        };
        var fromBicep = RotationPolicyReader.Read(JsonSerializer.Serialize(defaults));

        Assert.Equal(TimeSpan.FromDays(30), fromSample.MaxKeyAge);
        Assert.Equal(TimeSpan.FromDays(30), fromBicep.MaxKeyAge);
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudTrust.slnf")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("not inside the repository");
    }

    private static string BicepDefault(string bicep, string name)
        => Regex.Match(bicep, $"param {name} \\w+ = (.+)").Groups[1].Value.Trim();

    [GeneratedRegex(@"'RotationPolicy', value: string\(\{ (?<schedule>\w+): rotationSchedule, (?<age>\w+): rotationMaxKeyAgeDays, (?<domains>\w+): rotationDomains \}\)")]
    private static partial Regex BicepPolicy();
}
