// gRPC service keys a per-caller quota on ServerCallContext.Peer; on ASP.NET Core that is the connection's peer, and nothing configures forwarding: CIP0001.
using System.Collections.Concurrent;
using Grpc.Core;

public sealed class ReportRequest { public string Name { get; set; } = ""; }
public sealed class ReportReply { public string Url { get; set; } = ""; }

public sealed class ReportService
{
    private static readonly ConcurrentDictionary<string, int> Calls = new();

    public Task<ReportReply> Generate(ReportRequest request, ServerCallContext context)
    {
        var caller = {|CIP0001:context.Peer|};
        var count = Calls.AddOrUpdate(caller, 1, (_, n) => n + 1);
        if (count > 20)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "quota exceeded"));
        }
        return Task.FromResult(new ReportReply { Url = "/reports/" + request.Name });
    }
}
