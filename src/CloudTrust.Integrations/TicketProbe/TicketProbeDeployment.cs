using CloudTrust.Core.Rollout.Activities;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Graph.Contracts;

namespace CloudTrust.Integrations.TicketProbe;

/// <summary>
/// Ships the ticket probe as an Intune Remediations detection script (beta <c>deviceHealthScripts</c>, run as the
/// user), assigns it to groups, and reads its device run states back into a summary.
/// </summary>
public sealed class TicketProbeDeployment(GraphConnection graph)
{
    /// <summary>The script's display name in Intune.</summary>
    public const string ScriptName = "CloudTrust cloud Kerberos ticket probe";

    private const string Root = "deviceManagement/deviceHealthScripts";

    private static bool IsProbe(HealthScript script) => script.DisplayName == ScriptName;

    /// <summary>Gets the detection script shipped in this assembly.</summary>
    public static string Script => DeviceHealthScripts.Embedded("CloudTrust.TicketProbe.ps1");

    /// <summary>Creates the script if absent and assigns it to <paramref name="groupIds"/> (daily).</summary>
    /// <param name="groupIds">The groups whose devices run it.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The script's id.</returns>
    public async Task<string> DeployAsync(IReadOnlyList<Guid> groupIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        ArgumentNullException.ThrowIfNull(graph);
        var scripts = new DeviceHealthScripts(graph.Beta);
        var (id, _) = await scripts.EnsureAsync(
            IsProbe,
            new HealthScriptDefinition(ScriptName, "Reports OnPremTgt/CloudTgt from dsregcmd /status as JSON. " + SettingsCatalogPayload.Marker, Script, null),
            cancellationToken);
        await scripts.AssignAsync(id, [], groupIds, runRemediation: false, cancellationToken);
        return id;
    }

    /// <summary>Finds the probe an earlier rollout deployed (reads only).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its id, or null when none was deployed.</returns>
    public Task<string?> FindAsync(CancellationToken cancellationToken)
        => new DeviceHealthScripts(graph.Beta).FindAsync(IsProbe, cancellationToken);

    /// <summary>Reads every device run state (paged) and summarises the probe's output.</summary>
    /// <param name="scriptId">The script id.</param>
    /// <param name="sampleLimit">How many failing devices to name.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="onlyDevices">When given, only the run states of these Entra device ids count (one ring's devices).</param>
    /// <returns>The summary.</returns>
    public async Task<TicketProbeSummary> ReadAsync(string scriptId, int sampleLimit, CancellationToken cancellationToken, IReadOnlySet<string>? onlyDevices = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var states = (await graph.Beta.GetAllAsync<RunState>($"{Root}/{Uri.EscapeDataString(scriptId)}/deviceRunStates?$expand=managedDevice", cancellationToken))
            .Where(s => onlyDevices is null || (s.ManagedDevice?.AzureAdDeviceId is { } id && onlyDevices.Contains(id)))
            .ToList();
        int working = 0, onPremMissing = 0, cloudMissing = 0;
        var samples = new List<string>();
        foreach (var state in states)
        {
            var result = ParseOutput(state.Output);
            if (result is null)
            {
                continue;
            }

            if (result.Works)
            {
                working++;
                continue;
            }

            onPremMissing += result.CloudTgt && !result.OnPremTgt ? 1 : 0;
            cloudMissing += result.CloudTgt ? 0 : 1;
            if (samples.Count < sampleLimit)
            {
                samples.Add($"{state.ManagedDevice?.DeviceName}: {result.Diagnosis}");
            }
        }

        return new TicketProbeSummary(states.Count, working, onPremMissing, cloudMissing, samples);
    }

    /// <summary>Reads the JSON line the detection script prints; null when it is not the probe's output.</summary>
    /// <param name="output">The script's output.</param>
    /// <returns>The result, or null.</returns>
    public static TicketProbeResult? ParseOutput(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        try
        {
            var line = JsonSerializer.Deserialize<ProbeLine>(output.Trim(), BetaGraphClient.Json);
            return line?.Probe == "cloudtrust-ticket/1"
                ? new TicketProbeResult(line.OnPremTgt, line.CloudTgt, line.AzureAdPrt, line.AzureAdJoined, line.DomainJoined)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record RunState(
        [property: JsonPropertyName("preRemediationDetectionScriptOutput")] string? Output,
        [property: JsonPropertyName("managedDevice")] RunStateDevice? ManagedDevice);

    private sealed record RunStateDevice(
        [property: JsonPropertyName("deviceName")] string? DeviceName,
        [property: JsonPropertyName("azureADDeviceId")] string? AzureAdDeviceId = null);

    private sealed record ProbeLine(string? Probe, bool OnPremTgt, bool CloudTgt, bool AzureAdPrt, bool AzureAdJoined, bool DomainJoined);
}
