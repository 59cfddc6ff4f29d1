using Azure.Security.KeyVault.Secrets;
using CloudTrust.Core.Kerberos;
using CloudTrust.Integrations.Http;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudTrust.Agent.Tests;

/// <summary>The real Azure SDK SecretClient and Azure.Identity credential against the simulated Key Vault over HTTPS.</summary>
public sealed class KeyVaultTests
{
    [Fact]
    public async Task The_sdk_writes_and_reads_secrets_through_the_bearer_challenge()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var client = KeyVaultSecretClientFactory.Create(new KeyVaultConnection
        {
            VaultUri = env.Server.BaseAddress,
            TenantId = env.Server.Entra.TenantId.ToString(),
            ClientId = "cloud-app",
            ClientSecret = env.CloudClientSecret,
            AuthorityHost = env.Server.BaseAddress,
            PinnedCertificate = env.Server.Certificate,
        });

        var written = await client.SetSecretAsync("written-by-sdk", "value-1");
        KeyVaultSecret read = await client.GetSecretAsync("written-by-sdk");
        KeyVaultSecret byVersion = await client.GetSecretAsync("written-by-sdk", written.Value.Properties.Version);

        Assert.Equal("value-1", read.Value);
        Assert.Equal("value-1", byVersion.Value);
        // The SDK caches the challenge per vault host, so the first secret read of the run met it.
        Assert.Contains(env.Server.Requests.Entries, e => e.Path.StartsWith("/secrets/", StringComparison.Ordinal) && e.Status == 401);
        Assert.Contains(env.Server.Requests.Entries, e => e.Path.Contains("/oauth2/v2.0/token", StringComparison.Ordinal) && e.Status == 200);
        Assert.DoesNotContain(env.Server.Requests.Entries, e => e.Body?.Contains("value-1", StringComparison.Ordinal) ?? false);
    }

    [Fact]
    public async Task An_unauthenticated_request_gets_the_key_vault_challenge()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var http = new HttpClient(PinnedCertificateHandler.Create(env.Server.Certificate));

        using var response = await http.GetAsync(new Uri(env.Server.BaseAddress, "secrets/relay-send-key?api-version=7.5"));

        Assert.Equal(401, (int)response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains($"authorization=\"{env.Server.BaseAddress}{env.Server.Entra.TenantId}\"", challenge, StringComparison.Ordinal);
        Assert.Contains("resource=\"https://vault.azure.net\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain(env.SendKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cache_reads_once_and_refreshes_on_rotation()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var cache = env.SecretCache("cloud-app", env.CloudClientSecret);
        env.Vault.SetSecret("rotating", "before");
        var reads = env.Vault.ReadCount;

        var first = await cache.GetAsync("rotating", default);
        var second = await cache.GetAsync("rotating", default);
        env.Vault.SetSecret("rotating", "after");
        var stillCached = await cache.GetAsync("rotating", default);
        var refreshed = await cache.RefreshAsync("rotating", default);

        Assert.Equal("before", first.Reveal());
        Assert.Same(first, second);
        Assert.Equal("before", stillCached.Reveal());
        Assert.Equal("after", refreshed.Reveal());
        Assert.NotEqual(first.Version, refreshed.Version);
        Assert.Equal(reads + 2, env.Vault.ReadCount);
        Assert.DoesNotContain("before", first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_secrets_and_wrong_client_secrets_fail_without_echoing_values()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var wrong = env.SecretCache("cloud-app", "wrong-secret-" + env.Canary);

        var missing = await Assert.ThrowsAsync<SecretUnavailableException>(() => env.CloudSecrets.GetAsync("no-such-secret", default));
        var denied = await Assert.ThrowsAsync<SecretUnavailableException>(() => wrong.GetAsync("relay-send-key", default));

        Assert.Equal(404, missing.Status);
        Assert.Equal(401, denied.Status);
        Assert.DoesNotContain(env.Canary, denied.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(env.Canary, env.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_signing_key_is_picked_up_by_both_sides()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var sender = env.CreateSender();
        Assert.True((await sender.SendAsync(KerberosOperationRequest.Health(), default)).Succeeded);

        env.Vault.SetSecret("agent-request-signing-key", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(env.Canary + "-rotated-signing-key")));
        await env.CloudSecrets.RefreshAsync("agent-request-signing-key", default);
        var afterRotation = await sender.SendAsync(KerberosOperationRequest.Health(), default);

        Assert.True(afterRotation.Succeeded);
        Assert.Equal(1, afterRotation.Attempts);
    }

    [Fact]
    public async Task A_token_for_another_resource_is_refused_by_the_vault()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var http = new HttpClient(PinnedCertificateHandler.Create(env.Server.Certificate));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "cloud-app",
            ["client_secret"] = env.CloudClientSecret,
            ["scope"] = "https://graph.microsoft.com/.default",
        });
        using var tokenResponse = await http.PostAsync(new Uri(env.Server.BaseAddress, $"{env.Server.Entra.TenantId}/oauth2/v2.0/token"), form);
        using var token = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(env.Server.BaseAddress, "secrets/relay-send-key?api-version=7.5"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());

        using var response = await http.SendAsync(request);

        Assert.Equal(200, (int)tokenResponse.StatusCode);
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_cached_secret_is_read_again_after_its_lifetime()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = KeyVaultSecretClientFactory.Create(new KeyVaultConnection
        {
            VaultUri = env.Server.BaseAddress,
            TenantId = env.Server.Entra.TenantId.ToString(),
            ClientId = "cloud-app",
            ClientSecret = env.CloudClientSecret,
            AuthorityHost = env.Server.BaseAddress,
            PinnedCertificate = env.Server.Certificate,
        });
        var cache = new KeyVaultSecretCache(client, TimeSpan.FromMinutes(10), time, NullLogger<KeyVaultSecretCache>.Instance);
        env.Vault.SetSecret("expiring", "v1");

        var first = await cache.GetAsync("expiring", default);
        env.Vault.SetSecret("expiring", "v2");
        time.Advance(TimeSpan.FromMinutes(9));
        var beforeExpiry = await cache.GetAsync("expiring", default);
        time.Advance(TimeSpan.FromMinutes(2));
        var afterExpiry = await cache.GetAsync("expiring", default);

        Assert.Equal("v1", first.Reveal());
        Assert.Equal("v1", beforeExpiry.Reveal());
        Assert.Equal("v2", afterExpiry.Reveal());
    }
}
