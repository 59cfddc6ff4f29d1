using CloudTrust.Integrations.Graph;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace CloudTrust.Rollout.Tests.Conformance;

/// <summary>
/// The simulator answers what Graph's metadata lacks as Graph does, seen through the real Microsoft.Graph client
/// over HTTPS on 127.0.0.1, and shows group members only as far as the app's permissions allow.
/// </summary>
public sealed class GraphContractRefusalTests
{
    private static readonly Guid Group = new("c0000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_bogus_select_is_refused_with_Graphs_error_shape()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Group, 2));

        var error = await Assert.ThrowsAsync<ODataError>(() => harness.Graph.V1.DeviceManagement.ManagedDevices.GetAsync(r => r.QueryParameters.Select = ["id", "bogusProperty"]));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("BadRequest", error.Error?.Code);
        Assert.Equal("Could not find a property named 'bogusProperty' on type 'microsoft.graph.managedDevice'.", error.Error?.Message);
        Assert.False(string.IsNullOrEmpty(error.Error?.InnerError?.RequestId));
        Assert.NotNull(error.Error?.InnerError?.Date);
        Assert.Contains(harness.GraphRequests(), r => r.Status == 400 && r.Path.Contains("bogusProperty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_segment_and_a_made_up_body_property_are_refused()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Group, 2));

        var segment = await Assert.ThrowsAsync<GraphRequestException>(() => harness.Graph.Beta.GetAllAsync<System.Text.Json.JsonElement>("deviceManagement/madeUpPolicies", CancellationToken.None));
        var body = await Assert.ThrowsAsync<ODataError>(() => harness.Graph.V1.Groups.PostAsync(new Group { DisplayName = "g", MailNickname = "g", SecurityEnabled = true, MailEnabled = false, AdditionalData = new Dictionary<string, object> { ["madeUpFlag"] = true } }));

        Assert.Equal(400, segment.Status);
        Assert.Contains("Resource not found for the segment 'madeUpPolicies'.", segment.Message, StringComparison.Ordinal);
        Assert.Equal(400, body.ResponseStatusCode);
        Assert.StartsWith("The property 'madeUpFlag' does not exist on type 'microsoft.graph.group'.", body.Error?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Intune.Groups(), g => g.DisplayName == "g");
    }

    [Fact]
    public async Task Without_Device_Read_All_device_members_carry_only_id_and_type()
    {
        var limited = new SimulatedGraphOptions { ApplicationPermissions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "GroupMember.Read.All" } };
        await using var withoutDevices = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Group, 3), limited);
        await using var withDevices = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Group, 3));

        var hidden = (await withoutDevices.Graph.V1.Groups[Group.ToString()].Members.GetAsync())!.Value!;
        var shown = (await withDevices.Graph.V1.Groups[Group.ToString()].Members.GetAsync())!.Value!;

        Assert.Equal(3, hidden.Count);
        Assert.All(hidden, m =>
        {
            var device = Assert.IsType<Device>(m);
            Assert.False(string.IsNullOrEmpty(device.Id));
            Assert.Null(device.DeviceId);
            Assert.Null(device.DisplayName);
        });
        Assert.All(shown, m => Assert.False(string.IsNullOrEmpty(Assert.IsType<Device>(m).DeviceId)));
    }
}
