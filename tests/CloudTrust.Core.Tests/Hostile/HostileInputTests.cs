using System.Text;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Relay;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;
using CloudTrust.Tests.Shared;
using CsCheck;

namespace CloudTrust.Core.Tests.Hostile;

/// <summary>
/// Every input boundary in Core, fed generated hostile documents: each gets a clear, located error or a value that
/// passed every rule — never an unexpected exception, and never a PowerShell metacharacter in anything that could
/// reach the agent's scripts (domains are DNS names or nothing).
/// </summary>
public sealed class HostileInputTests
{
    private const int Iterations = 3000;
    private static readonly char[] ShellMetacharacters = ['$', '`', ';', '&', '|', '(', ')', '{', '}', '<', '>', '"', '\'', ' ', '\\', '\r', '\n', '\0', '@', '%'];

    private const string ValidPlan = """
        {
          "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b",
          "domains": ["corp.contoso.com", "emea.corp.contoso.com"],
          "profileName": "WHfB cloud trust",
          "pollInterval": "00:30:00",
          "createMissingGroups": true,
          "helloSettings": { "minimumPinLength": 6, "digits": "required", "useBiometrics": true },
          "rings": [
            { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "maxErrorShare": 0.05, "soak": "04:00:00", "verificationDeadline": "2.00:00:00", "requireApproval": true },
            { "name": "broad", "groupNames": ["WHfB Broad"], "migrateFrom": "keyTrust", "successThreshold": 0.95, "soak": "1.00:00:00", "verificationDeadline": "7.00:00:00" }
          ]
        }
        """;

    private const string ValidPolicy = """
        { "schedule": "0 2 * * 0", "maxKeyAgeDays": 30, "domains": ["corp.contoso.com"], "requireApproval": false }
        """;

    private const string ValidOperation = """{ "version": 1, "operation": "RotateKerberosServerKey", "domain": "corp.contoso.com", "operationId": "7d9f2c1e-aaaa-4bbb-8ccc-0123456789ab" }""";

    [Fact]
    public void Plan_files_get_a_plan_that_passed_every_rule_or_located_errors()
    {
        HostileJson.MutationsOf(ValidPlan).Sample(
            bytes =>
            {
                var result = RolloutPlanReader.Read(Encoding.UTF8.GetString(bytes));
                if (result.IsValid)
                {
                    Assert.All(result.Plan!.Domains, AssertSafeDomain);
                    Assert.NotEmpty(result.Plan.Rings);
                    Assert.All(result.Plan.Rings, r => Assert.True(r.GroupIds.Count + (r.GroupNames?.Count ?? 0) > 0));
                }
                else
                {
                    AssertClear(result.Errors);
                }
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "plan files", Iterations, duplicates: 0);
    }

    [Fact]
    public void Rotation_policies_read_or_throw_only_invalid_input()
    {
        HostileJson.MutationsOf(ValidPolicy).Sample(
            bytes =>
            {
                try
                {
                    var policy = RotationPolicyReader.Read(Encoding.UTF8.GetString(bytes));
                    Assert.All(policy.Domains, AssertSafeDomain);
                }
                catch (InvalidInputException ex)
                {
                    AssertClear(ex.Errors);
                }
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "rotation policies", Iterations, duplicates: 0);
    }

    [Fact]
    public void Agent_operations_are_valid_with_a_dns_domain_or_refused_with_located_errors()
    {
        HostileJson.MutationsOf(ValidOperation).Sample(
            bytes =>
            {
                if (KerberosJson.TryReadRequest(bytes, out var request, out var errors))
                {
                    Assert.Contains(request!.Operation, KerberosOperations.All);
                    if (request.Domain is not null)
                    {
                        AssertSafeDomain(request.Domain);
                    }
                }
                else
                {
                    AssertClear(errors);
                }
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "agent operations", Iterations, duplicates: 0);
    }

    [Fact]
    public void Relay_control_frames_parse_or_are_ignored_never_throw()
    {
        const string accept = """{"accept":{"address":"wss://127.0.0.1/$hc/x?sb-hc-action=accept&sb-hc-id=1","id":"1","connectHeaders":{}}}""";
        const string request = """{"request":{"address":"wss://127.0.0.1/$hc/x","id":"2","requestTarget":"/kerberos","method":"POST","requestHeaders":{"X-Signature":"abc"},"body":true}}""";
        Gen.OneOf(HostileJson.MutationsOf(accept), HostileJson.MutationsOf(request)).Sample(
            bytes =>
            {
                var message = RelayFrames.Parse(bytes);
                if (message?.Request is { } parsed)
                {
                    Assert.NotNull(parsed.Id);
                }
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "relay control frames", Iterations, duplicates: 0);
    }

    [Fact]
    public void Shared_access_signatures_parse_or_are_refused_never_throw()
    {
        var valid = SharedAccessSignature.Create("https://contoso.servicebus.windows.net/cloudtrust-agent", "cloud-send", "key", DateTimeOffset.UnixEpoch.AddYears(60));
        Gen.OneOf(
            HostileJson.MutationsOf(valid).Select(b => Encoding.UTF8.GetString(b)),
            Gen.Int[0, HostileJson.HostileStrings.Length - 1].Select(i => valid.Replace("cloud-send", HostileJson.HostileStrings[i], StringComparison.Ordinal))).Sample(
            token =>
            {
                if (SharedAccessSignature.TryParse(token, out var parsed))
                {
                    Assert.NotNull(parsed);
                }
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "relay SAS tokens", Iterations, duplicates: 0);
    }

    private static void AssertSafeDomain(string domain)
    {
        Assert.True(DnsName.IsValid(domain), $"'{domain}' passed but is not a DNS name");
        Assert.True(domain.IndexOfAny(ShellMetacharacters) < 0, $"'{domain}' carries a shell metacharacter");
    }

    private static void AssertClear(IReadOnlyList<ValidationError> errors)
    {
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message), $"an error at '{e.Path}' has no message"));
    }
}
