// gRPC: the first X-Forwarded-For entry from the call metadata, as the caller id.
using Grpc.Core;

public class CallerId
{
    public string Of(ServerCallContext context) =>
        {|CIP0003:context.RequestHeaders.GetValue("x-forwarded-for")?.Split(',')[0]|}?.Trim() ?? context.Peer;
}
