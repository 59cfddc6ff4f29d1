using CloudTrust.Benchmarks;
using CloudTrust.Benchmarks.History;

// `dotnet run -c Release --project bench/CloudTrust.Benchmarks -- <name> [options]`
var name = args.Length > 0 ? args[0] : "engine";
var rest = args.Length > 0 ? args[1..] : [];
return name switch
{
    "engine" => await EngineOverheadBenchmark.RunAsync(rest),
    "relay" => await RelayRoundTripBenchmark.RunAsync(rest),
    "ring" => await RingVerificationBenchmark.RunAsync(rest),
    "precedence" => await PrecedenceReadBenchmark.RunAsync(rest),
    "history" => await RolloutHistoryBenchmark.RunAsync(rest),
    "ring-tenant" => await RingTenantProcess.ServeAsync(rest), // the ring benchmark's child process
    _ => Unknown(name),
};

static int Unknown(string name)
{
    Console.Error.WriteLine($"unknown benchmark '{name}'; known: engine, relay, ring, precedence, history");
    return 2;
}
