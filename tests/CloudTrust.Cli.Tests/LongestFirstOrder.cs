using Xunit.Abstractions;

[assembly: TestCollectionOrderer("CloudTrust.Cli.Tests.LongestFirstOrder", "CloudTrust.Cli.Tests")]

namespace CloudTrust.Cli.Tests;

/// <summary>
/// Starts the test classes marked <see cref="RunsLongAttribute"/> first, longest first, then the others in xunit's
/// own order: with a few classes running at a time, a long class started last would run alone at the end. Each test
/// class is its own collection here, named after the class.
/// </summary>
public sealed class LongestFirstOrder : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    /// <inheritdoc />
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
        => testCollections.Select((collection, index) => (collection, index))
            .OrderByDescending(c => Seconds(c.collection))
            .ThenBy(c => c.index)
            .Select(c => c.collection);

    private static int Seconds(ITestCollection collection)
    {
        var name = collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal) ? collection.DisplayName[Prefix.Length..] : collection.DisplayName;
        var type = typeof(LongestFirstOrder).Assembly.GetType(name);
        return type?.GetCustomAttributes(typeof(RunsLongAttribute), inherit: false).OfType<RunsLongAttribute>().FirstOrDefault()?.Seconds ?? 0;
    }
}
