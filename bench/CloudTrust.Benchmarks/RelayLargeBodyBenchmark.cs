using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using CloudTrust.Core.Relay;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Simulator.Relay;

namespace CloudTrust.Benchmarks;

/// <summary>
/// 1 MiB echoed through the relay emulator by Microsoft's listener (hyco-https, tests/tools/hyco/listener.js, installed
/// by tests/tools/install-hyco.sh): the request and the response travel over a rendezvous WebSocket, a new one per
/// sender connection or the one the relay kept from that connection's previous request. Prints a markdown table: p50/p99
/// of sequential round trips and the payload throughput (request plus response bytes), both ways in one run.
/// </summary>
public static class RelayLargeBodyBenchmark
{
    private const string HybridConnection = "bench-echo";

    /// <summary>Runs the 1 MiB round trips.</summary>
    /// <param name="roundTrips">How many sequential round trips.</param>
    /// <returns>0 when every round trip came back intact.</returns>
    public static async Task<int> RunAsync(int roundTrips)
    {
        var root = FindRepositoryRoot();
        using (var install = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "tests", "tools", "install-hyco.sh")]) { UseShellExecute = false })!)
        {
            await install.WaitForExitAsync();
            if (install.ExitCode != 0)
            {
                Console.Error.WriteLine("tests/tools/install-hyco.sh failed: the 1 MiB round trip needs hyco-https");
                return 1;
            }
        }

        var listenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var sendKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var relay = new SimulatedRelay(HybridConnection, [new SharedAccessRule("listen", listenKey, RelayRights.Listen), new SharedAccessRule("send", sendKey, RelayRights.Send)]);
        await using var server = await SimulatedTenantServer.StartAsync(new SimulatorOptions(), [relay]);
        var pem = Path.Combine(Path.GetTempPath(), "cloudtrust-bench-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(pem, server.Certificate.ExportCertificatePem());
        var start = new ProcessStartInfo("node", [Path.Combine(root, "tests", "tools", "hyco", "listener.js")]) { UseShellExecute = false, RedirectStandardOutput = true };
        start.Environment["NODE_EXTRA_CA_CERTS"] = pem;
        start.Environment["HYCO_NAMESPACE"] = server.BaseAddress.Authority;
        start.Environment["HYCO_PATH"] = HybridConnection;
        start.Environment["HYCO_KEY_NAME"] = "listen";
        start.Environment["HYCO_KEY"] = listenKey;
        using var node = Process.Start(start)!;
        try
        {
            while (await node.StandardOutput.ReadLineAsync() is { } line && line != "listening")
            {
            }

            while (relay.ListenerCount == 0)
            {
                await Task.Delay(10);
            }

            HttpClient NewClient() => new(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 1,
                SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == server.Certificate.GetCertHashString() },
            });
            var body = RandomNumberGenerator.GetBytes(1024 * 1024);
            var token = SharedAccessSignature.Create(SharedAccessSignature.ResourceFor(server.BaseAddress, HybridConnection), "send", sendKey, DateTimeOffset.UtcNow.AddHours(1));
            var failures = 0;
            async Task RoundTrip(HttpClient http)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, HybridConnection + "/echo")) { Content = new ByteArrayContent(body) };
                request.Headers.TryAddWithoutValidation(SimulatedRelay.AuthorizationHeader, token);
                using var response = await http.SendAsync(request);
                var echoed = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode || !echoed.AsSpan().SequenceEqual(body))
                {
                    failures++;
                }
            }

            using var kept = NewClient();
            for (var i = 0; i < 5; i++)
            {
                await RoundTrip(kept);
            }

            // Two ways, measured in the same run: every round trip on a new sender connection (so a new rendezvous
            // socket each time) and all on one connection (the relay keeps its rendezvous socket for the next request).
            async Task<string> MeasureAsync(string name, bool newConnectionEach)
            {
                var rendezvousBefore = relay.RendezvousUsed;
                var keptBefore = relay.RequestsOnKeptRendezvous;
                var latencies = new double[roundTrips];
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < roundTrips; i++)
                {
                    var begin = Stopwatch.GetTimestamp();
                    if (newConnectionEach)
                    {
                        using var fresh = NewClient();
                        await RoundTrip(fresh);
                    }
                    else
                    {
                        await RoundTrip(kept);
                    }

                    latencies[i] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                }

                clock.Stop();
                Array.Sort(latencies);
                return string.Create(CultureInfo.InvariantCulture, $"| {name} | {latencies[roundTrips / 2]:0.0} | {latencies[Math.Max(0, (int)Math.Ceiling(0.99 * roundTrips) - 1)]:0.0} | {2.0 * roundTrips / clock.Elapsed.TotalSeconds:0.0} | {relay.RendezvousUsed - rendezvousBefore} | {relay.RequestsOnKeptRendezvous - keptBefore} |");
            }

            var fresh = await MeasureAsync("new sender connection each time", newConnectionEach: true);
            var reused = await MeasureAsync("one sender connection", newConnectionEach: false);
            Console.WriteLine();
            Console.WriteLine($"## 1 MiB up, 1 MiB back over rendezvous (Microsoft's listener, hyco-https; {roundTrips} sequential round trips each)");
            Console.WriteLine();
            Console.WriteLine("| sender | p50 (ms) | p99 (ms) | throughput (MiB/s, request + response) | new rendezvous sockets | requests on a kept socket |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(fresh);
            Console.WriteLine(reused);
            Console.WriteLine();
            Console.WriteLine($"failed 1 MiB round trips: {failures}");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            File.Delete(pem);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "tools", "install-hyco.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from the repository (no tests/tools/install-hyco.sh found)");
    }
}
