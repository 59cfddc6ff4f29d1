using System.Text.Json.Nodes;

namespace CloudTrust.Cli.Tests;

/// <summary>Tenant settings in which every domain signs in to the cloud attended.</summary>
internal static class AttendedSettingsFile
{
    /// <summary>Writes the tenant's settings without <c>rotationPolicy</c> (attended everywhere), beside the original so its relative paths hold.</summary>
    /// <param name="test">The test tenant.</param>
    /// <returns>The new settings file's path.</returns>
    public static string WriteAttendedSettings(this TestTenant test)
    {
        var settings = JsonNode.Parse(File.ReadAllText(test.Tenant.SettingsPath))!.AsObject();
        Assert.True(settings.Remove("rotationPolicy"));
        var path = Path.Combine(Path.GetDirectoryName(test.Tenant.SettingsPath)!, "tenant-attended.json");
        File.WriteAllText(path, settings.ToJsonString());
        return path;
    }
}
