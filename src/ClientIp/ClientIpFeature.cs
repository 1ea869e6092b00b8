using System.Net;

namespace ClientIp;

/// <summary>The per-request record of one resolution.</summary>
internal sealed class ClientIpFeature : IClientIpFeature
{
    public ClientIpFeature(IPAddress? originalRemoteIpAddress, int originalRemotePort, ClientIpResult result)
    {
        OriginalRemoteIpAddress = originalRemoteIpAddress;
        OriginalRemotePort = originalRemotePort;
        Result = result;
    }

    public IPAddress? OriginalRemoteIpAddress { get; }

    public int OriginalRemotePort { get; }

    public ClientIpResult Result { get; }
}
