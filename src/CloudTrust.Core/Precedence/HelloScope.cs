namespace CloudTrust.Core.Precedence;

/// <summary>Which side of the device a WHfB source configures.</summary>
public enum HelloScope
{
    /// <summary>Every user signing in to the device (device/computer configuration).</summary>
    Device,

    /// <summary>The targeted users wherever they sign in (user configuration); it wins over device scope.</summary>
    User,

    /// <summary>The whole tenant (the enrollment configuration).</summary>
    Tenant,
}
