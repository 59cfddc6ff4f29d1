namespace CloudTrust.Cli.Demo;

/// <summary>How <c>cloudtrust demo</c> runs.</summary>
/// <param name="Directory">Where the journal, plan, tenant files and report go.</param>
/// <param name="DeviceCount">How many devices the simulated fleet has.</param>
/// <param name="Seed">The fleet's seed.</param>
internal sealed record DemoOptions(string Directory, int DeviceCount, int Seed);
