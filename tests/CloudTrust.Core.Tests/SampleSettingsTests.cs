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
        var bicepDefault = BicepPolicy().Match(File.ReadAllText(Path.Combine(root, "infra", "main.bicep"))).Groups[1].Value;
        var fromBicep = RotationPolicyReader.Read(bicepDefault);

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

    [GeneratedRegex("param rotationPolicy string = '(.*)'")]
    private static partial Regex BicepPolicy();
}
