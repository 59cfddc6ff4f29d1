namespace CloudTrust.Simulator.Graph;

/// <summary>Why a simulated device gets no on-premises ticket although its policy may have applied.</summary>
internal enum TicketFault
{
    /// <summary>Nothing beyond the policy and the user's privileges.</summary>
    None,

    /// <summary>Off the corporate network: the DC locator finds no DC.</summary>
    OffNetwork,

    /// <summary>The user's PRT predates cloud trust: CloudTgt NO until they sign out and in.</summary>
    StalePrt,

    /// <summary>The user works over Remote Desktop.</summary>
    RemoteDesktop,

    /// <summary>The user's AD domain has no Kerberos server object.</summary>
    OtherDomain,

    /// <summary>A Group Policy object sets UseCloudTrustForOnPremAuth to 0, which wins over Intune.</summary>
    CloudTrustGpoOff,
}
