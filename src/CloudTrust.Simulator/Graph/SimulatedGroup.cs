namespace CloudTrust.Simulator.Graph;

/// <summary>An Entra group of the simulated tenant: its id and the properties <c>/v1.0/groups</c> returns.</summary>
/// <param name="Id">The group's object id.</param>
/// <param name="DisplayName">Its display name (not unique in Entra).</param>
/// <param name="MailNickname">Its mail nickname.</param>
/// <param name="SecurityEnabled">Whether it is a security group.</param>
/// <param name="MailEnabled">Whether it is mail enabled.</param>
public sealed record SimulatedGroup(Guid Id, string DisplayName, string MailNickname, bool SecurityEnabled, bool MailEnabled);
