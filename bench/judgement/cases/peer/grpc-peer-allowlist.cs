// A gRPC interceptor that only lets a known caller in, by the peer string of the call.
using Grpc.Core;
using Grpc.Core.Interceptors;

public class AllowListInterceptor : Interceptor
{
    private static readonly HashSet<string> Allowed = new() { "ipv4:10.0.0.7" };

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var peer = {|CIP0001:context.Peer|};
        var host = peer[..peer.LastIndexOf(':')];
        if (!Allowed.Contains(host))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "not allowed"));
        }

        return continuation(request, context);
    }
}
