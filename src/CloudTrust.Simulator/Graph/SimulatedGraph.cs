using System.Collections.Concurrent;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// The Microsoft Graph subset the rollout uses, with Graph's shapes: beta settings-catalog policies, their
/// settings and assignments, <c>assign</c>, the device report; v1.0 group members, managed devices and user
/// registration details. Every request needs a bearer token; throttling is optional. Every request is held to Graph's
/// published metadata (<see cref="GraphContractGuard"/>, the vendored CSDL in <c>Graph/Metadata</c>).
/// </summary>
/// <param name="intune">The simulated tenant's state.</param>
public sealed class SimulatedGraph(SimulatedIntune intune) : ISimulatedService
{
    private readonly ConcurrentQueue<string> answerViolations = new();

    /// <summary>Gets the simulated state.</summary>
    public SimulatedIntune Intune { get; } = intune;

    /// <summary>
    /// Gets what this simulator's own answers named that the metadata lacks, one line per violation (method, path,
    /// message), when <see cref="SimulatedGraphOptions.CheckAnswers"/> is on.
    /// </summary>
    public IReadOnlyList<string> AnswerViolations => [.. answerViolations];

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes, SimulatedTenantServer tenant)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(tenant);
        if (routes is IApplicationBuilder pipeline)
        {
            pipeline.Use(new GraphContractGuard(tenant, Intune.Options.CheckAnswers ? answerViolations : null).InvokeAsync);
        }

        var guard = new GraphGuard(tenant, Intune.Options);
        var beta = routes.MapGroup("/beta");
        beta.AddEndpointFilter(guard.InvokeAsync);
        var v1 = routes.MapGroup("/v1.0");
        v1.AddEndpointFilter(guard.InvokeAsync);
        PolicyEndpoints.Map(beta, Intune);
        DeviceReportEndpoint.Map(beta, Intune);
        DirectoryEndpoints.Map(v1, Intune);
        ManagedDeviceEndpoints.Map(v1, beta, Intune);
        GroupEndpoints.Map(v1, Intune);
        CustomConfigurationEndpoints.Map(v1, Intune);
        EnrollmentConfigurationEndpoints.Map(v1, Intune);
        HealthScriptEndpoints.Map(beta, Intune);
    }
}
