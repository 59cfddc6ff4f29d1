using System.Text;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Validation;
using CloudTrust.Integrations.Relay;

using CloudTrust.Tests.Shared;

namespace CloudTrust.Agent.Tests;

/// <summary>Sender → simulated relay → agent listener → simulated AD, over real loopback sockets.</summary>
public sealed class RelayEndToEndTests
{
    [Fact]
    public async Task Ensure_creates_the_object_once_and_get_reads_it_healthy()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();

        var missing = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);
        var created = await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);
        var again = await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);
        var read = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);

        Assert.Equal(RelayOutcomeKind.Answered, missing.Kind);
        Assert.Equal(KerberosErrorCodes.ServerNotFound, missing.ErrorCode);
        Assert.True(created.Succeeded);
        Assert.True(created.Result!.Changed);
        Assert.False(again.Result!.Changed);
        Assert.Equal("CN=AzureADKerberos,OU=Domain Controllers,DC=contoso,DC=com", read.Result!.Server!.ComputerAccount);
        Assert.Equal(read.Result.Server.KeyVersion, read.Result.Server.CloudKeyVersion);
        Assert.True(read.Result.Health!.IsHealthy);
    }

    [Fact]
    public async Task A_lagging_cloud_half_is_unhealthy_until_it_catches_up()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        var created = await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("emea.contoso.com"), default);

        var rotated = await sender.SendAsync(KerberosOperationRequest.RotateKerberosServerKey("emea.contoso.com", "rotation-1"), default);
        env.Directory.SyncCloud("emea.contoso.com");
        var caughtUp = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer("emea.contoso.com"), default);

        Assert.True(created.Result!.Health!.IsHealthy);
        Assert.False(rotated.Result!.Health!.IsHealthy);
        Assert.True(rotated.Result.Server!.KeyVersion > created.Result.Server!.KeyVersion + 1);
        Assert.True(caughtUp.Result!.Health!.IsHealthy);
    }

    [Fact]
    public async Task Prerequisites_and_privileged_users_come_back_per_site_and_per_user()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();

        var prerequisites = await sender.SendAsync(KerberosOperationRequest.CheckDomainPrerequisites("contoso.com"), default);
        var users = await sender.SendAsync(KerberosOperationRequest.FindPrivilegedUsers("contoso.com", ["alice@contoso.com", "bob@contoso.com", "carol@contoso.com", "nobody@contoso.com"]), default);

        Assert.False(prerequisites.Result!.Prerequisites!.IsReady);
        Assert.True(prerequisites.Result.Prerequisites.Sites.Single(s => s.Site == "HQ").IsReady);
        Assert.False(prerequisites.Result.Prerequisites.Sites.Single(s => s.Site == "Branch").IsReady);
        var byUser = users.Result!.PrivilegedUsers!.ToDictionary(u => u.UserPrincipalName);
        Assert.Equal(["Domain Admins"], byUser["alice@contoso.com"].DeniedGroups);
        Assert.Equal(["Domain Admins > Tier0 Operators"], byUser["bob@contoso.com"].DeniedGroups);
        Assert.False(byUser["carol@contoso.com"].IsDenied);
        Assert.False(byUser["nobody@contoso.com"].Found);
    }

    [Fact]
    public async Task A_large_request_travels_over_a_rendezvous_socket()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        var upns = Enumerable.Range(0, 1000).Select(i => $"user{i:D4}.{new string('x', 50)}@contoso.com").ToList();

        var outcome = await sender.SendAsync(KerberosOperationRequest.FindPrivilegedUsers("contoso.com", upns), default);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1000, outcome.Result!.PrivilegedUsers!.Count);
        Assert.Equal(1, env.Relay.RendezvousUsed);
    }

    [Fact]
    public async Task Requests_after_a_rendezvous_reach_the_agent_that_closes_its_rendezvous_sockets()
    {
        // The agent closes a rendezvous socket after its answer, as Microsoft's .NET listener does, while the relay
        // keeps such sockets for the sender connection's next request: every later request still gets its answer,
        // sent again over the control channel when the agent closed the socket before reading it.
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        var large = Enumerable.Range(0, 1000).Select(i => $"user{i:D4}.{new string('x', 50)}@contoso.com").ToList();

        for (var round = 0; round < 8; round++)
        {
            var big = await sender.SendAsync(KerberosOperationRequest.FindPrivilegedUsers("contoso.com", large), default);
            var small = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);

            // One attempt each: a request lost on a closed socket would show as a retry of the sender.
            Assert.True(big.Succeeded, big.Message);
            Assert.Equal(1, big.Attempts);
            Assert.Equal(1000, big.Result!.PrivilegedUsers!.Count);
            Assert.Equal(RelayOutcomeKind.Answered, small.Kind);
            Assert.Equal(1, small.Attempts);
        }

        var giveUp = Timeouts.Token;
        while (env.Relay.RendezvousKept > 0)
        {
            await Task.Delay(20, giveUp);
        }

        Assert.Equal(8, env.Relay.RendezvousUsed);
    }

    [Fact]
    public async Task A_large_response_to_a_small_request_travels_over_a_rendezvous_socket()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        var upns = Enumerable.Range(0, 1000).Select(i => $"u{i}@contoso.com").ToList();
        Assert.True(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(KerberosOperationRequest.FindPrivilegedUsers("contoso.com", upns), KerberosJson.Options).Length < 64 * 1024);

        var outcome = await sender.SendAsync(KerberosOperationRequest.FindPrivilegedUsers("contoso.com", upns), default);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1000, outcome.Result!.PrivilegedUsers!.Count);
        Assert.Equal(1, env.Relay.RendezvousUsed);
    }

    [Fact]
    public async Task An_injected_domain_is_refused_before_any_backend_runs()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(new { version = 1, operation = "GetKerberosServer", domain = "contoso.com; Remove-ADUser x" });

        var (status, result) = await raw.SendAsync(body, raw.Sign(body));
        var viaSender = await env.CreateSender().SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com; Remove-ADUser x"), default);

        Assert.Equal(400, status);
        Assert.Equal(KerberosErrorCodes.InvalidRequest, result!.ErrorCode);
        Assert.Equal("$.domain", Assert.Single(result.ValidationErrors!).Path);
        Assert.Equal(RelayOutcomeKind.Refused, viaSender.Kind);
        Assert.Equal(0, viaSender.Attempts);
        Assert.Equal(0, env.Directory.OperationsRun);
        Assert.DoesNotContain("Remove-ADUser", env.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_operations_are_refused()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(new { version = 1, operation = "Invoke-Expression", domain = "contoso.com" });

        var (status, result) = await raw.SendAsync(body, raw.Sign(body));

        Assert.Equal(400, status);
        Assert.Equal(KerberosErrorCodes.UnknownOperation, result!.ErrorCode);
        Assert.Equal(0, env.Directory.OperationsRun);
    }

    [Fact]
    public async Task Unsigned_forged_replayed_and_expired_requests_are_refused_and_logged_without_bodies()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var marker = "bodymarker-" + Guid.NewGuid().ToString("N") + ".com";
        var body = RawRelayClient.Body(KerberosOperationRequest.EnsureKerberosServer(marker));

        var unsigned = await raw.SendAsync(body, null);
        var forged = await raw.SendAsync(body, raw.Sign(body, key: Encoding.UTF8.GetBytes("not-the-key-at-all-not-the-key!!")));
        var expired = await raw.SendAsync(body, raw.Sign(body, at: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var genuine = raw.Sign(body);
        var first = await raw.SendAsync(body, genuine);
        var replayed = await raw.SendAsync(body, genuine);
        var tampered = await raw.SendAsync(RawRelayClient.Body(KerberosOperationRequest.RemoveKerberosServer(marker, true)), raw.Sign(body));

        Assert.All([unsigned, forged, expired, replayed, tampered], r =>
        {
            Assert.Equal(401, r.Status);
            Assert.Equal(KerberosErrorCodes.Unauthenticated, r.Result!.ErrorCode);
        });
        Assert.Equal(200, first.Status);
        Assert.Equal(KerberosErrorCodes.DomainNotFound, first.Result!.ErrorCode);
        Assert.Equal(1, env.Directory.OperationsRun);
        var refusals = env.Logs.Lines.Where(l => l.Contains("refused relay request", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, refusals.Count);
        Assert.Contains(refusals, l => l.Contains(": unsigned", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains(": stale", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains(": replayed", StringComparison.Ordinal));
        Assert.Equal(2, refusals.Count(l => l.Contains(": bad signature", StringComparison.Ordinal)));
        Assert.DoesNotContain(refusals, l => l.Contains("bodymarker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_send_only_token_cannot_listen()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        var resource = new Uri(env.Server.BaseAddress, RelayTestEnvironment.HybridConnection).ToString();
        socket.Options.SetRequestHeader("ServiceBusAuthorization", CloudTrust.Core.Relay.SharedAccessSignature.Create(resource, RelayTestEnvironment.SendRule, env.SendKey, DateTimeOffset.UtcNow.AddMinutes(5)));
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;

        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(env.ListenerOptions().ControlChannelAddress("intruder"), default));
        Assert.Equal(1, env.Relay.ListenerCount);
    }

    [Fact]
    public async Task The_relay_checks_sas_rights()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(KerberosOperationRequest.Health());

        var withListenKey = await raw.SendAsync(body, raw.Sign(body), sendKey: env.ListenKey);
        var withSendKey = await raw.SendAsync(body, raw.Sign(body));

        Assert.Equal(401, withListenKey.Status);
        Assert.Equal(200, withSendKey.Status);
        Assert.Equal("Simulated", withSendKey.Result!.Agent!.Backend);
    }

    [Fact]
    public async Task A_dropped_control_channel_is_retryable_and_a_retried_rotation_rotates_once()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);
        var noRetries = env.CreateSender(maxAttempts: 1);

        env.Relay.DropControlChannelOnNextResponse();
        var dropped = await noRetries.SendAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "rotation-42"), default);
        await env.Agent.Listener.WaitForConnectionAsync(2, Timeouts.Token);
        await env.WaitForRelayListenerAsync(2);
        var retried = await noRetries.SendAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "rotation-42"), default);

        Assert.Equal(RelayOutcomeKind.Unavailable, dropped.Kind);
        Assert.True(dropped.IsRetryable);
        Assert.True(retried.Succeeded);
        Assert.Equal(1, env.Directory.RotationsOf("contoso.com"));
        var now = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);
        Assert.Equal(now.Result!.Server!.KeyVersion, retried.Result!.Server!.KeyVersion);
        ReliabilityLedger.Record("agent-faults", "relay control channel dropped mid-request", 1, duplicates: env.Directory.RotationsOf("contoso.com") - 1);
    }

    [Fact]
    public async Task The_sender_retries_an_idempotent_rotation_through_a_drop_by_itself()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender(maxAttempts: 6);
        await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);

        env.Relay.DropControlChannelOnNextResponse();
        var outcome = await sender.SendAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "rotation-7"), default);

        Assert.True(outcome.Succeeded);
        Assert.True(outcome.Attempts >= 2);
        Assert.Equal(1, env.Directory.RotationsOf("contoso.com"));
        Assert.True(env.Relay.ListenersAccepted >= 2);
    }

    [Fact]
    public async Task A_removal_is_not_retried_after_a_drop()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender(maxAttempts: 6);
        await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);

        env.Relay.DropControlChannelOnNextResponse();
        var outcome = await sender.SendAsync(KerberosOperationRequest.RemoveKerberosServer("contoso.com", confirm: true), default);

        Assert.Equal(RelayOutcomeKind.Unavailable, outcome.Kind);
        Assert.Equal(1, outcome.Attempts);
    }

    [Fact]
    public async Task A_removal_without_confirmation_is_refused()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);

        var unconfirmed = await sender.SendAsync(KerberosOperationRequest.RemoveKerberosServer("contoso.com", confirm: false), default);
        var still = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);

        Assert.Equal(KerberosErrorCodes.ConfirmationRequired, unconfirmed.ErrorCode);
        Assert.True(still.Succeeded);
    }

    [Fact]
    public async Task A_rotation_is_remembered_across_an_agent_restart()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);
        var first = await sender.SendAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "rotation-restart"), default);

        await env.StopAgentAsync();
        await env.StartAgentAsync();
        var again = await sender.SendAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "rotation-restart"), default);
        var other = await sender.SendAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "rotation-next"), default);

        Assert.True(again.Succeeded);
        Assert.Equal(first.Result!.Server!.KeyVersion, again.Result!.Server!.KeyVersion);
        Assert.True(other.Result!.Server!.KeyVersion > first.Result.Server.KeyVersion);
        Assert.Equal(2, env.Directory.RotationsOf("contoso.com"));
    }

    [Fact]
    public async Task With_no_listener_the_sender_reports_unavailable()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        await env.StopAgentAsync();

        var outcome = await env.CreateSender(maxAttempts: 2).SendAsync(KerberosOperationRequest.GetKerberosServer("contoso.com"), default);

        Assert.Equal(RelayOutcomeKind.Unavailable, outcome.Kind);
        Assert.Equal(KerberosErrorCodes.RelayUnavailable, outcome.ErrorCode);
        Assert.Equal(2, outcome.Attempts);
    }
}

/// <summary>The listener keeps its control channel alive past its first token's expiry by renewing it.</summary>
public sealed class RelayTokenRenewalTests
{
    [Fact]
    public async Task The_listener_renews_its_token_and_keeps_serving_past_the_first_expiry()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        await env.StopAgentAsync();
        await env.StartAgentAsync(env.ListenerOptions() with { TokenLifetime = TimeSpan.FromSeconds(3), RenewBeforeExpiry = TimeSpan.FromSeconds(2) });
        var connectedAt = DateTimeOffset.UtcNow;
        var giveUp = Timeouts.Token;

        // Wait (bounded, not asserted on time) until the first token has certainly expired; without renewal the
        // relay would then have no live listener and the request below would fail with 502.
        while (env.Relay.TokenRenewals < 4 || DateTimeOffset.UtcNow - connectedAt < TimeSpan.FromSeconds(4))
        {
            await Task.Delay(100, giveUp);
        }

        var outcome = await env.CreateSender(maxAttempts: 1).SendAsync(KerberosOperationRequest.Health(), default);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1, env.Agent.Listener.Connections);
    }
}

/// <summary>Without renewal, the relay disconnects the listener when its token expires (1008, as the service does at or
/// soon after expiry), and the agent reconnects with a fresh token.</summary>
public sealed class RelayTokenExpiryTests
{
    [Fact]
    public async Task A_listener_whose_token_expires_is_disconnected_and_the_agent_reconnects_with_a_fresh_one()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        await env.StopAgentAsync();
        await env.StartAgentAsync(env.ListenerOptions() with { TokenLifetime = TimeSpan.FromSeconds(2), RenewTokens = false });
        var connectedAt = DateTimeOffset.UtcNow;
        var accepted = env.Relay.ListenersAccepted;
        var giveUp = Timeouts.Token;

        await env.Agent.Listener.WaitForConnectionAsync(2, giveUp);
        var reconnectedAfter = DateTimeOffset.UtcNow - connectedAt;
        await env.WaitForRelayListenerAsync(accepted + 1);
        var afterReconnect = await env.CreateSender(maxAttempts: 4).SendAsync(CloudTrust.Core.Kerberos.KerberosOperationRequest.Health(), default);

        // The token's expiry is whole seconds, so the channel lives between one and two seconds.
        Assert.True(reconnectedAfter >= TimeSpan.FromSeconds(1), $"reconnected after {reconnectedAfter}");
        Assert.True(afterReconnect.Succeeded);
    }
}
