using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.DurableTask.Protobuf;

namespace CloudTrust.Tests.Shared.Durable;

/// <summary>
/// Watches the work items the backend streams to the worker (the task hub protocol's GetWorkItems call) and shows each
/// orchestrator request: the history the worker replays for one episode of an instance (past events plus new ones).
/// </summary>
/// <param name="observe">Called for every orchestrator work item.</param>
public sealed class OrchestratorRequestObserver(Action<OrchestratorRequest> observe) : Interceptor
{
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncServerStreamingCall<TResponse>(new Watching<TResponse>(call.ResponseStream, observe), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private sealed class Watching<T>(IAsyncStreamReader<T> inner, Action<OrchestratorRequest> observe) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var next = await inner.MoveNext(cancellationToken);
            if (next && inner.Current is WorkItem { OrchestratorRequest: { } orchestrator })
            {
                observe(orchestrator);
            }

            return next;
        }
    }
}
