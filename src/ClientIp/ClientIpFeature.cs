using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClientIp;

/// <summary>The per-request record of one resolution.</summary>
internal sealed class ClientIpFeature : IClientIpFeature
{
    public ClientIpFeature(IPAddress? originalRemoteIpAddress, int originalRemotePort, ClientIpResult result, HttpRequest request, ForwardedRequest forwarded)
    {
        OriginalRemoteIpAddress = originalRemoteIpAddress;
        OriginalRemotePort = originalRemotePort;
        Result = result;
        OriginalScheme = request.Scheme;
        OriginalHost = request.Host;
        OriginalPathBase = request.PathBase;
        ForwardedScheme = forwarded.Scheme;
        ForwardedHost = forwarded.Host;
        ForwardedPathBase = forwarded.PathBase;
    }

    public IPAddress? OriginalRemoteIpAddress { get; }

    public int OriginalRemotePort { get; }

    public ClientIpResult Result { get; }

    public string OriginalScheme { get; }

    public HostString OriginalHost { get; }

    public PathString OriginalPathBase { get; }

    public string? ForwardedScheme { get; }

    public HostString? ForwardedHost { get; }

    public PathString? ForwardedPathBase { get; }
}
