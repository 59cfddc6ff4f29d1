namespace CloudTrust.Cli.Simulated;

/// <summary>How to start a <see cref="SimulatedTenant"/>.</summary>
public sealed record SimulatedTenantOptions
{
    /// <summary>The directory <c>cloudtrust simulator</c> writes to when none is given.</summary>
    public const string DefaultDirectory = "cloudtrust-simulator";

    /// <summary>Gets the directory the settings file, certificate, sample plan and (when generated) client-secret file are written to.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>Gets the loopback port; 0 for any free port.</summary>
    public int Port { get; init; }

    /// <summary>Gets the seed of the device fleet (the same seed gives the same fleet).</summary>
    public int Seed { get; init; } = 20261122;

    /// <summary>Gets how many devices the fleet has, spread over the rings by their shares.</summary>
    public int DeviceCount { get; init; } = 3000;

    /// <summary>Gets how many simulated seconds pass per real second (14,400: a simulated 4 hours per real second).</summary>
    public double TimeFactor { get; init; } = 14_400;

    /// <summary>Gets the simulated time the clock starts at; the real time at start when null.</summary>
    public DateTimeOffset? SimulatedStart { get; init; }

    /// <summary>Gets the app's client secret; when null, <c>CLOUDTRUST_CLIENT_SECRET</c> if set, otherwise a generated one written to a 0600 file.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Gets the ring groups of the fleet.</summary>
    public IReadOnlyList<SimulatedRing> Rings { get; init; } = SimulatedRing.DefaultFleet;

    /// <summary>
    /// Gets whether each domain already has its Microsoft Entra Kerberos server object (a tenant that uses cloud
    /// Kerberos trust somewhere); when false the rollout's preflight creates them through the relay and the agent.
    /// </summary>
    public bool KerberosServersExist { get; init; } = true;

    /// <summary>Gets the Graph throttling rate (share of requests answered 429/503), 0 for none.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Checks the options.</summary>
    /// <returns>The problems, each naming its option.</returns>
    public IReadOnlyList<Core.Validation.ValidationError> Validate()
    {
        var errors = new List<Core.Validation.ValidationError>();
        if (Port is < 0 or > 65535)
        {
            errors.Add(new("--port", "must be 0 (any free port) to 65535"));
        }

        if (DeviceCount is < 1 or > 200_000)
        {
            errors.Add(new("--devices", "must be 1 to 200000"));
        }

        if (double.IsNaN(TimeFactor) || TimeFactor < 1)
        {
            errors.Add(new("--time-factor", "must be 1 or more"));
        }

        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add(new("--dir", "must not be empty"));
        }

        if (Rings.Count == 0)
        {
            errors.Add(new("rings", "at least one ring group"));
        }

        return errors;
    }
}
