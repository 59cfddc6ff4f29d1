using System.Text.Json.Serialization;
using CloudTrust.Core.Rollout.Tickets;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>What the ticket probe's device run states say about a set of devices.</summary>
/// <param name="Reported">Devices that ran the detection script.</param>
/// <param name="Working">Devices with both OnPremTgt and CloudTgt.</param>
/// <param name="OnPremTgtMissing">Devices with CloudTgt but no OnPremTgt (the DC exchange failed).</param>
/// <param name="CloudTgtMissing">Devices without a cloud TGT.</param>
/// <param name="Samples">Named examples of devices that do not work, with the diagnosis.</param>
/// <param name="Causes">Every failing device counted by its one cause, most frequent first, with the admin's action.</param>
/// <param name="Failing">Up to the sample limit of failing devices with their cause and evidence.</param>
/// <param name="Unknown">Devices whose output could not be read (cut, another probe version, another format); counted in <see cref="Causes"/> as unknown.</param>
public sealed record TicketProbeSummary(
    int Reported,
    int Working,
    int OnPremTgtMissing,
    int CloudTgtMissing,
    IReadOnlyList<string> Samples,
    IReadOnlyList<TicketCauseCount>? Causes = null,
    IReadOnlyList<TicketDeviceFailure>? Failing = null,
    int Unknown = 0)
{
    /// <summary>Gets the counts alone, as the status carries them.</summary>
    [JsonIgnore]
    public TicketCounts Counts => new(Reported, Working, OnPremTgtMissing, CloudTgtMissing, Unknown);
}
