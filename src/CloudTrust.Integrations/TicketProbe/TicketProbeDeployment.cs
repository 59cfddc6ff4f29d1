using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Tickets;
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
            new HealthScriptDefinition(ScriptName, "Reports OnPremTgt/CloudTgt from dsregcmd /status, with event 358, the PassportForWork values, the DC locator and privileged groups, as JSON. " + SettingsCatalogPayload.Marker, Script, null),
            cancellationToken);
        await scripts.AssignAsync(id, [], groupIds, runRemediation: false, cancellationToken);
        return id;
    }

    /// <summary>Finds the probe an earlier rollout deployed (reads only).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its id, or null when none was deployed.</returns>
    public Task<string?> FindAsync(CancellationToken cancellationToken)
        => new DeviceHealthScripts(graph.Beta).FindAsync(IsProbe, cancellationToken);

    /// <summary>
    /// Reads every device run state (paged) and summarises the probe's output: counts, each failing device put into one
    /// cause (<see cref="TicketCauseRules"/>), the causes counted with the admin's action, and up to
    /// <paramref name="sampleLimit"/> failing devices named.
    /// </summary>
    /// <param name="scriptId">The script id.</param>
    /// <param name="sampleLimit">How many failing devices to name.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="onlyDevices">When given, only the run states of these Entra device ids count (one ring's devices).</param>
    /// <param name="kerberosDomains">The AD domains known to have a Kerberos server object; null when unknown.</param>
    /// <returns>The summary.</returns>
    public async Task<TicketProbeSummary> ReadAsync(string scriptId, int sampleLimit, CancellationToken cancellationToken, IReadOnlySet<string>? onlyDevices = null, IReadOnlyCollection<string>? kerberosDomains = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        // deviceHealthScriptDeviceState (beta): the property preRemediationDetectionScriptOutput and the managedDevice
        // navigation, as the Graph beta reference publishes them (microsoft-graph-docs, resource
        // intune-devices-devicehealthscriptdevicestate; list deviceRunStates); no other property is read.
        // Folded page by page ($top at the collection page size): a 100,000-device ring's outputs are never all held at once.
        var pages = graph.Beta.GetPagesAsync<RunState>($"{Root}/{Uri.EscapeDataString(scriptId)}/deviceRunStates?$expand=managedDevice&$top={graph.Options.CollectionPageSize}", cancellationToken);
        int reported = 0, working = 0, onPremMissing = 0, cloudMissing = 0, unknown = 0;
        var causes = new Dictionary<TicketFailureCause, int>();
        var samples = new List<string>();
        var failing = new List<TicketDeviceFailure>();
        void Count(RunState state)
        {
            reported++;
            var reading = TicketProbeOutput.Read(state.Output);
            if (reading.Works)
            {
                working++;
                return;
            }

            unknown += reading.Evidence is null ? 1 : 0;
            onPremMissing += reading.Evidence is { CloudTgt: true, OnPremTgt: false } ? 1 : 0;
            cloudMissing += reading.Evidence is { CloudTgt: false } ? 1 : 0;
            var (cause, detail) = reading.UnknownReason is { } reason
                ? (TicketFailureCause.Unknown, reason)
                : TicketCauseRules.Classify(reading.Evidence!, kerberosDomains) ?? (TicketFailureCause.Unknown, "classified as working");
            causes[cause] = causes.GetValueOrDefault(cause) + 1;
            if (failing.Count < sampleLimit)
            {
                var name = TicketProbeOutput.Clean(state.ManagedDevice?.DeviceName ?? state.ManagedDevice?.Id ?? "(unnamed device)");
                failing.Add(new TicketDeviceFailure(name, cause, TicketProbeOutput.Clean(detail)));
                samples.Add($"{name}: {TicketCauseActions.Title(cause)} ({TicketProbeOutput.Clean(detail)})");
            }
        }

        await foreach (var page in pages)
        {
            foreach (var state in page.Where(s => onlyDevices is null || (s.ManagedDevice?.AzureAdDeviceId is { } id && onlyDevices.Contains(id))))
            {
                Count(state);
            }
        }

        var counted = causes.OrderByDescending(c => c.Value).ThenBy(c => c.Key)
            .Select(c => new TicketCauseCount(c.Key, c.Value, TicketCauseActions.Action(c.Key)))
            .ToList();
        return new TicketProbeSummary(reported, working, onPremMissing, cloudMissing, samples, counted, failing, unknown);
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
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("azureADDeviceId")] string? AzureAdDeviceId = null);

    private sealed record ProbeLine(string? Probe, bool OnPremTgt, bool CloudTgt, bool AzureAdPrt, bool AzureAdJoined, bool DomainJoined);
}
