namespace CloudTrust.Cli.Tests;

/// <summary>
/// Marks a test class that takes long (its tests together, in seconds, as measured in a full run; README.md), so
/// <see cref="LongestFirstOrder"/> starts it before the short ones and it does not become the run's tail.
/// </summary>
/// <param name="seconds">About how long the class's tests take together.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RunsLongAttribute(int seconds) : Attribute
{
    /// <summary>Gets about how long the class's tests take together, in seconds.</summary>
    public int Seconds { get; } = seconds;
}
