using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace CloudTrust.Functions.Tests.Runtime;

/// <summary>The invocation context a function sees: the worker's services and the invocation's cancellation.</summary>
public sealed class TestFunctionContext(IServiceProvider services, CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken { get; } = cancellationToken;
}
