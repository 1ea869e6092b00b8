using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>
/// Issue 11, family 1: one notion of "trusted peer", shared with the resolver. A peer check that decides what happens to
/// forwarding headers is a proxy-trust check (the read behind it is guarded, the peer fallback is the resolver's own); a
/// peer check that decides access or identity is the peer used as the client (CIP0001). Shapes modelled on public apps:
/// loopback-only setup/admin endpoints and dashboards, IP allow-list middleware reading "AllowedIPs" from configuration,
/// webhook source checks against an authorised list, ban lists, and hand-written resolvers that trust loopback or a set.
/// </summary>
public static class TrustedPeerCases
{
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        // ---- the peer compared with loopback or a set, nothing forwarded behind it: the peer is the client (CIP0001) ----
        new AnalyzerCase("Loopback-only setup endpoint (behind a same-host proxy every caller is loopback)", "CIP0001", Web("""
            static class Setup
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/api/setup/admin", (HttpContext httpContext) =>
                    {
                        var remoteIp = {|CIP0001:httpContext.Connection.RemoteIpAddress|};
                        if (remoteIp is null || !IPAddress.IsLoopback(remoteIp))
                        {
                            return Results.StatusCode(StatusCodes.Status403Forbidden);
                        }

                        return Results.Ok("admin created");
                    });
            }
            """)),

        new AnalyzerCase("IP allow-list middleware with a list of address strings from configuration", "CIP0001", Web("""
            public class IpAllowListMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly string[] _allowed;

                public IpAllowListMiddleware(RequestDelegate next, string[] allowed)
                {
                    _next = next;
                    _allowed = allowed;
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    var remoteIp = {|CIP0001:context.Connection.RemoteIpAddress|};
                    if (!IPAddress.IsLoopback(remoteIp!) && !_allowed.Contains(remoteIp?.ToString()))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }

                    await _next(context);
                }
            }
            """)),

        new AnalyzerCase("Allow-list of networks that must contain the peer", "CIP0001", Web("""
            class InternalOnlyFilter
            {
                private readonly List<System.Net.IPNetwork> _internalNetworks = new() { System.Net.IPNetwork.Parse("10.0.0.0/8") };

                public bool IsAllowed(HttpContext context)
                {
                    var peer = {|CIP0001:context.Connection.RemoteIpAddress|};
                    return peer is not null && _internalNetworks.Any(network => network.Contains(peer));
                }
            }
            """)),

        new AnalyzerCase("Ban list keyed by the peer", "CIP0001", Web("""
            class BanList
            {
                private readonly HashSet<string> _banned = new(StringComparer.Ordinal);

                public IResult Guard(HttpContext ctx)
                {
                    var ip = {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() ?? "";
                    return _banned.Contains(ip) ? Results.StatusCode(403) : Results.Ok();
                }
            }
            """)),

        new AnalyzerCase("Webhook source check against the provider's addresses", "CIP0001", Web("""
            public class PaymentWebhookController : ControllerBase
            {
                private readonly HashSet<string> _authorizedIps = new() { "3.18.12.63", "3.130.192.231" };

                [HttpPost("/webhooks/payments")]
                public IActionResult Receive() =>
                    IsFromProvider({|CIP0001:HttpContext.Connection.RemoteIpAddress|}) ? Ok() : Forbid();

                private bool IsFromProvider(IPAddress? remoteIp) =>
                    remoteIp is not null && (IPAddress.IsLoopback(remoteIp) || _authorizedIps.Contains(remoteIp.MapToIPv4().ToString()));
            }
            """)),

        new AnalyzerCase("Dashboard authorisation: loopback or the IPv6 loopback string", "CIP0001", Web("""
            class DashboardAuthorization
            {
                public bool Authorize(HttpContext httpContext)
                {
                    var remoteIp = {|CIP0001:httpContext.Connection.RemoteIpAddress|};
                    if (remoteIp != null && (IPAddress.IsLoopback(remoteIp) || remoteIp.ToString() == "::1"))
                    {
                        return true;
                    }

                    return httpContext.User.Identity?.IsAuthenticated == true;
                }
            }
            """)),

        new AnalyzerCase("A trust question named ...Trusted... about the client is an allow-list, not a proxy check", "CIP0001", Web("""
            class Clients
            {
                private readonly HashSet<IPAddress> _trusted = new();

                private bool IsTrustedClient(IPAddress? address) => address is not null && _trusted.Contains(address);

                public bool MayExport(HttpContext ctx) => IsTrustedClient({|CIP0001:ctx.Connection.RemoteIpAddress|});
            }
            """)),

        // ---- reads behind a check with the wrong polarity are not guarded ----
        new AnalyzerCase("Header read when the peer is NOT loopback: the check guards the wrong branch", "CIP0002", Web("""
            static class Resolver
            {
                public static string? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is not null && IPAddress.IsLoopback(peer))
                    {
                        return peer.ToString();
                    }

                    return {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString();
                }
            }
            """)),

        // ---- a guard vouches only for what the trusted proxy appended ----
        new AnalyzerCase("Leftmost entry behind a loopback guard (the CVE-2026-44183 shape)", "CIP0003", Web("""
            static class AdminGate
            {
                public static bool IsLocalAdmin(HttpContext ctx)
                {
                    var remote = ctx.Connection.RemoteIpAddress;
                    if (remote is not null && IPAddress.IsLoopback(remote))
                    {
                        var forwarded = ctx.Request.Headers["X-Forwarded-For"].ToString();
                        var client = string.IsNullOrEmpty(forwarded) ? remote.ToString() : {|CIP0003:forwarded.Split(',')[0]|}.Trim();
                        return client == "127.0.0.1" || client == "::1";
                    }

                    return false;
                }
            }
            """)),

        new AnalyzerCase("An entry counted from the left behind a trusted-set guard", "CIP0003", Web("""
            static class Resolver
            {
                private static readonly HashSet<IPAddress> Proxies = new() { IPAddress.Parse("10.0.0.5") };

                public static string? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is null || !Proxies.Contains(peer))
                    {
                        return peer?.ToString();
                    }

                    var hops = ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries);
                    return hops.Length > 1 ? {|CIP0003:hops[1]|} : hops[^1];
                }
            }
            """)),
    };

    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        new AnalyzerCase("Hand-written resolver trusting loopback (what the resolver does by default)", null, Web("""
            static class Resolver
            {
                public static string? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is not null && IPAddress.IsLoopback(peer) && ctx.Request.Headers.TryGetValue("X-Real-IP", out var realIp))
                    {
                        return realIp.ToString();
                    }

                    return peer?.ToString();
                }
            }
            """)),

        new AnalyzerCase("Resolver comparing the peer with IPAddress.Loopback and IPv6Loopback, rightmost entry", null, Web("""
            static class Resolver
            {
                public static string? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is null || !(peer.Equals(IPAddress.Loopback) || peer.Equals(IPAddress.IPv6Loopback)))
                    {
                        return peer?.ToString();
                    }

                    return ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',').Last().Trim();
                }
            }
            """)),

        new AnalyzerCase("Resolver comparing the peer's text with \"127.0.0.1\"", null, Web("""
            static class Resolver
            {
                public static string Client(HttpContext ctx)
                {
                    var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "";
                    if (ip == "127.0.0.1")
                    {
                        ip = ctx.Request.Headers["X-Real-IP"].ToString();
                    }

                    return ip;
                }
            }
            """)),

        new AnalyzerCase("Resolver with an `is \"127.0.0.1\" or \"::1\"` pattern and a ternary", null, Web("""
            static class Resolver
            {
                public static string? Client(HttpContext ctx) =>
                    ctx.Connection.RemoteIpAddress?.ToString() is "127.0.0.1" or "::1"
                        ? ctx.Request.Headers["CF-Connecting-IP"].ToString()
                        : ctx.Connection.RemoteIpAddress?.ToString();
            }
            """)),

        new AnalyzerCase("Resolver returning early unless a known network contains the peer", null, Web("""
            class Resolver
            {
                private readonly List<System.Net.IPNetwork> _proxies = new() { System.Net.IPNetwork.Parse("10.0.0.0/8") };

                public string? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is null || !_proxies.Any(n => n.Contains(peer)))
                    {
                        return peer?.ToString();
                    }

                    return ctx.Request.Headers["X-Real-IP"].FirstOrDefault() ?? peer.ToString();
                }
            }
            """)),

        new AnalyzerCase("A bool local holding the loopback check", null, Web("""
            static class Resolver
            {
                public static string? Client(HttpContext ctx)
                {
                    var remote = ctx.Connection.RemoteIpAddress;
                    var fromLocalProxy = remote is not null && IPAddress.IsLoopback(remote);
                    string? ip = remote?.ToString();
                    if (fromLocalProxy)
                    {
                        ip = ctx.Request.Headers["X-Real-IP"].ToString();
                    }

                    return ip;
                }
            }
            """)),

        new AnalyzerCase("Middleware stripping forwarding headers sent by untrusted peers", null, Web("""
            static class StripUntrusted
            {
                public static void Use(WebApplication app) => app.Use(async (ctx, next) =>
                {
                    if (!IPAddress.IsLoopback(ctx.Connection.RemoteIpAddress!))
                    {
                        ctx.Request.Headers.Remove("X-Forwarded-For");
                        ctx.Request.Headers.Remove("X-Real-IP");
                    }

                    await next(ctx);
                });
            }
            """)),

        new AnalyzerCase("The peer handed to the app's own resolver, which reads the header only from trusted proxies", null, Web("""
            static class ClientAddress
            {
                private static readonly HashSet<IPAddress> Proxies = new() { IPAddress.Parse("10.0.0.5") };

                public static IPAddress? Resolve(IPAddress? remote, IHeaderDictionary headers)
                {
                    if (remote is null || !Proxies.Contains(remote))
                    {
                        return remote;
                    }

                    return IPAddress.TryParse(headers["X-Forwarded-For"].ToString().Split(',')[^1].Trim(), out var client) ? client : remote;
                }

                public static IPAddress? Of(HttpContext ctx) => Resolve(ctx.Connection.RemoteIpAddress, ctx.Request.Headers);
            }
            """)),

        new AnalyzerCase("A proxy predicate over the context is the proxy-trust check itself", null, Web("""
            class ProxyCheck
            {
                private readonly HashSet<IPAddress> _proxies = new() { IPAddress.Parse("10.1.2.3") };

                public bool IsFromTrustedProxy(HttpContext ctx) =>
                    ctx.Connection.RemoteIpAddress is { } peer && _proxies.Contains(peer);

                public string? Client(HttpContext ctx) =>
                    IsFromTrustedProxy(ctx) ? ctx.Request.Headers["X-Real-IP"].ToString() : null;
            }
            """)),
    };
}
