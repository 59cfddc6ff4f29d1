namespace CloudTrust.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task Help_lists_the_commands_and_the_exit_codes()
    {
        var result = await CliProcess.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("runs", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 success, 1 failed, 2 bad input", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_bad_input_with_a_clear_message()
    {
        var result = await CliProcess.RunAsync(["rollout-everything"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unrecognized command or argument 'rollout-everything'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"run 'dotnet {CliProcess.BinaryPath} --help' for the commands and options", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_simulators_rings_are_the_demos()
        => Assert.Equal(Demo.DemoFleet.Rings.Select(r => (r.Name, r.Share)), Simulated.SimulatedRing.DefaultFleet.Select(r => (r.Name, r.Share)));
}
