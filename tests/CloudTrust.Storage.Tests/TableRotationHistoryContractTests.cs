using System.Security.Cryptography;
using Azure.Data.Tables;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.History;
using CloudTrust.Tests.Shared.Azurite;

namespace CloudTrust.Storage.Tests;

/// <summary>The rotation-history contract against the Functions host's store: Azure Table Storage (Azurite, through Azure.Data.Tables).</summary>
public sealed class TableRotationHistoryContractTests(AzuriteServer azurite) : RotationHistoryContract, IClassFixture<AzuriteServer>
{
    protected override Task<IRotationHistory> NewStoreAsync()
        => Task.FromResult<IRotationHistory>(new TableRotationHistory(new TableServiceClient(azurite.ConnectionString), "History" + RandomNumberGenerator.GetHexString(12)));
}
