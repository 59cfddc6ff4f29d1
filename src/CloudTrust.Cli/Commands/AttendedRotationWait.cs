using System.Text.Json;
using System.Text.RegularExpressions;
using CloudTrust.Cli.Output;
using CloudTrust.Core.Kerberos;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// A rotation run parked on administrators: at least one domain's phase says it waits for an administrator to sign in
/// on the agent's host (attended cloud sign-in) and every other domain has settled. <c>cloudtrust rotate</c> then exits 3
/// with the agent command and the <c>rotate resume</c> line, as <c>rollout start</c> does at a gate, instead of waiting
/// in the foreground for hours.
/// </summary>
/// <param name="Domain">The domain.</param>
/// <param name="Phase">Its phase as the workflow wrote it (names the host and the agent command).</param>
/// <param name="RequestId">The attended request's id, read from the phase.</param>
internal sealed partial record AttendedRotationWait(string Domain, string Phase, string? RequestId)
{
    /// <summary>How the workflow's phase of a domain waiting for an administrator begins.</summary>
    public const string Marker = "waiting for an administrator to sign in on ";

    private static readonly string[] Settled = ["rotated", "skipped", "failed", Marker];

    /// <summary>Reads the domains waiting for an administrator when the run is parked on them; empty otherwise.</summary>
    /// <param name="customStatus">The run's custom status (<c>{"phases":{domain: phase}}</c>).</param>
    /// <returns>The waits.</returns>
    public static IReadOnlyList<AttendedRotationWait> Parked(string? customStatus)
    {
        if (customStatus is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(customStatus);
        if (!document.RootElement.TryGetProperty("phases", out var phases) || phases.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var all = phases.EnumerateObject().Select(p => (Domain: p.Name, Phase: p.Value.GetString() ?? string.Empty)).ToList();
        if (!all.All(p => Settled.Any(s => p.Phase.StartsWith(s, StringComparison.Ordinal))))
        {
            return [];
        }

        return [.. all.Where(p => p.Phase.StartsWith(Marker, StringComparison.Ordinal))
            .Select(p => new AttendedRotationWait(p.Domain, p.Phase, RequestIdPattern().Match(p.Phase) is { Success: true } m ? m.Groups[1].Value : null))];
    }

    /// <summary>Asks the agent which of the waits no administrator has completed yet (a request it cannot read counts as waiting).</summary>
    /// <param name="sender">The relay sender to the agent.</param>
    /// <param name="waits">The waits.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The waits still waiting.</returns>
    public static async Task<IReadOnlyList<AttendedRotationWait>> StillWaitingAsync(RelaySender sender, IReadOnlyList<AttendedRotationWait> waits, CancellationToken cancellationToken)
    {
        var still = new List<AttendedRotationWait>();
        foreach (var wait in waits)
        {
            if (wait.RequestId is null)
            {
                still.Add(wait);
                continue;
            }

            var outcome = await sender.SendAsync(KerberosOperationRequest.GetAttendedOperation(wait.RequestId), cancellationToken);
            if (outcome is not { Succeeded: true, Result.Attended: { } request } || request.State == AttendedStates.Waiting)
            {
                still.Add(wait);
            }
        }

        return still;
    }

    /// <summary>Prints the waits and the next commands, each runnable as printed.</summary>
    /// <param name="scope">The command's scope (carries the options the user gave).</param>
    /// <param name="id">The rotation run.</param>
    /// <param name="waits">The waits.</param>
    public static void Print(CommandScope scope, string id, IReadOnlyList<AttendedRotationWait> waits)
    {
        var terminal = scope.Terminal;
        foreach (var wait in waits)
        {
            terminal.Line(Tone.Warn, $"{wait.Domain}: {wait.Phase}");
        }

        terminal.Line(Tone.Warn, $"waiting for an administrator; rotation run {id} is kept in the journal.");
        foreach (var wait in waits.Where(w => w.RequestId is not null))
        {
            terminal.Line($"on the agent's host, in an administrator's session: CloudTrust.Agent kerberos complete {wait.RequestId} --upn <admin upn>");
        }

        terminal.Line($"then: {scope.Next("rotate", "resume", id)}  |  status: {scope.NextReading("runs", "show", id)}");
    }

    [GeneratedRegex(@"kerberos complete ([a-z0-9-]+)")]
    private static partial Regex RequestIdPattern();
}
