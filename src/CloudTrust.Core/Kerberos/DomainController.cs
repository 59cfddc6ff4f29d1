namespace CloudTrust.Core.Kerberos;

/// <summary>One domain controller as the prerequisite check reads it.</summary>
/// <param name="HostName">The DC's DNS host name.</param>
/// <param name="Site">The AD site it serves.</param>
/// <param name="OperatingSystem">The <c>operatingSystem</c> attribute, for example "Windows Server 2019 Datacenter".</param>
/// <param name="OperatingSystemBuild">The OS build number (14393 is Windows Server 2016).</param>
/// <param name="IsWritable">False for a read-only DC.</param>
public sealed record DomainController(string HostName, string Site, string OperatingSystem, int OperatingSystemBuild, bool IsWritable)
{
    /// <summary>The build of Windows Server 2016, the oldest DC release cloud Kerberos trust supports.</summary>
    public const int WindowsServer2016Build = 14393;

    /// <summary>Gets a value indicating whether this DC can serve cloud Kerberos trust (writable, 2016 or later).</summary>
    public bool CanServeCloudTrust => IsWritable && OperatingSystemBuild >= WindowsServer2016Build;
}
