// A gRPC service reads the client address from the request metadata.
using Grpc.Core;

public class QuotaService
{
    private readonly Dictionary<string, int> _used = new();

    public bool Take(ServerCallContext context)
    {
        var ip = {|CIP0002:context.RequestHeaders.GetValue("x-real-ip")|} ?? context.Peer;
        _used[ip] = _used.TryGetValue(ip, out var n) ? n + 1 : 1;
        return _used[ip] <= 10;
    }
}
