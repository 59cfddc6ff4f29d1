namespace CloudTrust.Core.Rollout.Activities;

/// <summary>What the ticket probe's device run states say about a set of devices.</summary>
/// <param name="Reported">Devices that ran the detection script.</param>
/// <param name="Working">Devices with both OnPremTgt and CloudTgt.</param>
/// <param name="OnPremTgtMissing">Devices with CloudTgt but no OnPremTgt (the DC exchange failed).</param>
/// <param name="CloudTgtMissing">Devices without a cloud TGT.</param>
/// <param name="Samples">Named examples of devices that do not work, with the diagnosis.</param>
public sealed record TicketProbeSummary(int Reported, int Working, int OnPremTgtMissing, int CloudTgtMissing, IReadOnlyList<string> Samples);
