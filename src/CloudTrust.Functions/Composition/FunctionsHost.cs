using CloudTrust.Api;
using Microsoft.Azure.Functions.Worker.Builder;

namespace CloudTrust.Functions.Composition;

/// <summary>
/// The worker's start-up in one method: ASP.NET Core integration for the HTTP triggers, then every service the
/// functions use (<see cref="FunctionsServices.AddCloudTrust"/>). <c>Program.cs</c> and the tests' worker both call it.
/// </summary>
public static class FunctionsHost
{
    /// <summary>Configures the Functions application.</summary>
    /// <param name="builder">The application builder (<c>FunctionsApplication.CreateBuilder</c>).</param>
    /// <param name="settings">The validated app settings.</param>
    /// <param name="connection">How to reach the tenant.</param>
    public static void Configure(FunctionsApplicationBuilder builder, HostSettings settings, FunctionsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCloudTrust(settings, connection);
    }
}
