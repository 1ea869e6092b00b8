// A Hangfire-style dashboard filter lets the jobs dashboard open only "from the server itself" by checking that the peer is loopback; no forwarded-header handling, so behind nginx on the same host everyone is loopback: CIP0001.
using System.Net;

public sealed class DashboardRequest
{
    public DashboardRequest(HttpContext http) => Http = http;
    public HttpContext Http { get; }
}

public interface IJobsDashboardFilter
{
    bool Authorize(DashboardRequest request);
}

public sealed class LocalOnlyJobsDashboardFilter : IJobsDashboardFilter
{
    public bool Authorize(DashboardRequest request)
    {
        var http = request.Http;
        if (http.User.IsInRole("ops"))
        {
            return true;
        }

        return {|CIP0001:http.Connection.RemoteIpAddress|} is { } address
            && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback));
    }
}
