using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.History;

namespace CloudTrust.Storage.Tests;

/// <summary>The rotation-history contract against the command line's store: a SQLite file.</summary>
public sealed class SqliteRotationHistoryContractTests : RotationHistoryContract, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("cloudtrust-history-").FullName;
    private readonly List<SqliteRotationHistory> stores = [];

    public void Dispose()
    {
        stores.ForEach(s => s.Dispose());
        Directory.Delete(directory, recursive: true);
    }

    protected override Task<IRotationHistory> NewStoreAsync()
    {
        var store = new SqliteRotationHistory(Path.Combine(directory, $"history-{stores.Count}.db"));
        stores.Add(store);
        return Task.FromResult<IRotationHistory>(store);
    }
}
