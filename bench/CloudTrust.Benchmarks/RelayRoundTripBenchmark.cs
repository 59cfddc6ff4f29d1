using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CloudTrust.Agent;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Agent.Operations;
using CloudTrust.Agent.Relay;
using CloudTrust.Core.Kerberos;
using CloudTrust.Integrations.KeyVault;
using CloudTrust.Integrations.Relay;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Simulator.KeyVault;
using CloudTrust.Simulator.Relay;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Benchmarks;

/// <summary>
/// GetKerberosServer through the relay emulator (sender → simulated relay over loopback HTTPS → agent listener over
/// WebSocket → simulated AD) versus a direct in-process call to the agent's dispatcher: p50/p99 over N sequential
/// calls, then throughput at several concurrency levels. Prints a markdown table.
/// Then <see cref="RelayLargeBodyBenchmark"/>: 1 MiB round trips over rendezvous with Microsoft's listener.
/// Arguments: <c>--calls 1000</c>, <c>--concurrency 1,8,32,64</c>, <c>--large 50</c> (1 MiB round trips).
/// </summary>
public static class RelayRoundTripBenchmark
{
    private const string Domain = "contoso.com";

    /// <summary>Runs the benchmark.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 when every call succeeded, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = IntArgument(args, "--calls", 1000);
        var levels = (Argument(args, "--concurrency") ?? "1,8,32,64").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var state = Path.Combine(Path.GetTempPath(), "cloudtrust-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        var time = TimeProvider.System;
        ILoggerFactory loggers = NullLoggerFactory.Instance;
        var listenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var sendKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var relay = new SimulatedRelay("cloudtrust-agent", [new SharedAccessRule("listen", listenKey, RelayRights.Listen), new SharedAccessRule("send", sendKey, RelayRights.Send)]);
        var vault = new SimulatedKeyVault();
        await using var server = await SimulatedTenantServer.StartAsync(new SimulatorOptions(), [relay, vault], time);
        var appSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        server.Entra.RegisterClient("bench-app", appSecret);
        vault.SetSecret("relay-listen-key", listenKey);
        vault.SetSecret("relay-send-key", sendKey);
        vault.SetSecret("agent-request-signing-key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var secrets = new KeyVaultSecretCache(
            KeyVaultSecretClientFactory.Create(new KeyVaultConnection
            {
                VaultUri = server.BaseAddress,
                TenantId = server.Entra.TenantId.ToString(),
                ClientId = "bench-app",
                ClientSecret = appSecret,
                AuthorityHost = server.BaseAddress,
                PinnedCertificate = server.Certificate,
            }),
            TimeSpan.FromHours(1),
            time,
            loggers.CreateLogger<KeyVaultSecretCache>());

        var directory = new SimulatedActiveDirectory(Path.Combine(state, "directory.json"), time);
        foreach (var domain in SimulatedActiveDirectory.DemoForest())
        {
            directory.AddDomain(domain);
        }

        var listener = new RelayListenerOptions { RelayAddress = server.BaseAddress, HybridConnectionName = "cloudtrust-agent", ListenRuleName = "listen", PinnedCertificate = server.Certificate };
        await using var agent = new CloudTrustAgent(listener, new AgentSecretNames(), secrets, directory, state, time, loggers);
        await agent.StartAsync();
        await agent.Listener.WaitForConnectionAsync(1, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        using var sender = new RelaySender(
            new RelaySenderOptions { RelayAddress = server.BaseAddress, HybridConnectionName = "cloudtrust-agent", SendRuleName = "send", PinnedCertificate = server.Certificate },
            secrets,
            time,
            loggers.CreateLogger<RelaySender>());
        var dispatcher = new KerberosOperationDispatcher(directory, new RotationJournal(Path.Combine(state, "direct-rotations.json")), time, loggers.CreateLogger<KerberosOperationDispatcher>());
        var request = KerberosOperationRequest.GetKerberosServer(Domain);
        if (!(await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer(Domain), default)).Succeeded)
        {
            Console.Error.WriteLine("set-up failed: EnsureKerberosServer did not succeed through the relay");
            return 1;
        }

        var failures = 0;
        async Task Direct()
        {
            if (!(await dispatcher.ExecuteAsync(request, default)).Succeeded)
            {
                Interlocked.Increment(ref failures);
            }
        }

        async Task Relayed()
        {
            if (!(await sender.SendAsync(request, default)).Succeeded)
            {
                Interlocked.Increment(ref failures);
            }
        }

        await Measure(Direct, 100);
        await Measure(Relayed, 100);
        var direct = await Measure(Direct, calls);
        var relayed = await Measure(Relayed, calls);

        Console.WriteLine($"## GetKerberosServer round trip ({calls} sequential calls each, loopback, {Environment.ProcessorCount} cores)");
        Console.WriteLine();
        Console.WriteLine("| path | p50 (ms) | p99 (ms) | mean (ms) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(Row("direct in-process dispatcher call", direct));
        Console.WriteLine(Row("sender → relay emulator → agent → simulated AD", relayed));
        Console.WriteLine($"| **added by the relay path** | **{Ms(Percentile(relayed, 0.50) - Percentile(direct, 0.50))}** | {Ms(Percentile(relayed, 0.99) - Percentile(direct, 0.99))} | |");
        Console.WriteLine();
        Console.WriteLine("## Concurrent operations served through the relay (one agent, one control channel)");
        Console.WriteLine();
        Console.WriteLine("| concurrent senders | operations | elapsed (s) | operations/s | p50 (ms) | p99 (ms) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var level in levels)
        {
            var total = Math.Max(calls, level * 20);
            var latencies = new double[total];
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, level).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < total)
                {
                    var start = Stopwatch.GetTimestamp();
                    await Relayed();
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            })));
            clock.Stop();
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {level} | {total} | {clock.Elapsed.TotalSeconds:0.00} | {total / clock.Elapsed.TotalSeconds:0} | {Ms(Percentile(latencies, 0.5))} | {Ms(Percentile(latencies, 0.99))} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"failed calls: {failures}");
        await agent.StopAsync();
        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (IOException)
        {
        }

        var large = await RelayLargeBodyBenchmark.RunAsync(IntArgument(args, "--large", 50));
        return failures == 0 ? large : 1;
    }

    private static async Task<double[]> Measure(Func<Task> call, int count)
    {
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Row(string name, double[] sorted)
        => $"| {name} | {Ms(Percentile(sorted, 0.50))} | {Ms(Percentile(sorted, 0.99))} | {Ms(sorted.Average())} |";

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntArgument(string[] args, string name, int fallback)
        => Argument(args, name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
