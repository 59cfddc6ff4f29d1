using CloudTrust.Core.Kerberos;
using CloudTrust.Tests.Shared;
using CsCheck;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// Hostile operation bodies, correctly signed (as if the cloud side were compromised), sent through the real relay to
/// the real agent: each invalid one is refused with 400 and located errors before any backend runs, nothing in the
/// directory changes, and the agent keeps serving.
/// </summary>
public sealed class HostileRequestTests
{
    private const int Count = 150;

    [Fact]
    public async Task Generated_hostile_operations_are_refused_before_the_backend_and_the_agent_keeps_serving()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var valid = """{ "version": 1, "operation": "GetKerberosServer", "domain": "contoso.com" }""";
        var bodies = HostileJson.MutationsOf(valid).Array[Count].Single();
        var directoryBefore = await File.ReadAllBytesAsync(env.DirectoryPath);
        var refused = 0;

        foreach (var body in bodies)
        {
            var before = env.Directory.OperationsRun;
            var (status, result) = await raw.SendAsync(body, raw.Sign(body));
            if (KerberosJson.TryReadRequest(body, out _, out _))
            {
                continue;
            }

            refused++;
            Assert.True(status == 400, $"status {status} for a refused body");
            Assert.NotNull(result);
            Assert.True(result.ErrorCode is KerberosErrorCodes.InvalidRequest or KerberosErrorCodes.UnknownOperation, result.ErrorCode);
            Assert.Equal(before, env.Directory.OperationsRun);
        }

        Assert.True(refused > Count / 2, $"only {refused} of {Count} generated bodies were invalid");
        Assert.Equal(directoryBefore, await File.ReadAllBytesAsync(env.DirectoryPath));
        var after = await env.CreateSender().SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);
        Assert.True(after.Kind == Integrations.Relay.RelayOutcomeKind.Answered, $"the agent stopped serving: {after.Kind}");
        env.AssertNoSecretLeaked("generated hostile operations");
        ReliabilityLedger.Record("hostile-input", "agent operations through the relay", Count, duplicates: 0);
    }
}
