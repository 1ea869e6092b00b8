using Microsoft.AspNetCore.Http;

namespace Library;

/// <summary>
/// Code that relies on its host: the app calls UseForwardedHeaders (or UseClientIp), so RemoteIpAddress is the client.
/// The library's .editorconfig says so with clientip.CIP0001.forwarded_headers_configured_by_host, and CIP0001 is quiet.
/// </summary>
public static class HostForwarded
{
    public static string? Peer(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
