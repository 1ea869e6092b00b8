using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>CIP0001: the connection's remote address used as the client's address.</summary>
public static class RemoteAddressCases
{
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        new AnalyzerCase("A switch expression whose other arms read CDN headers: the peer arm is the fallback, the header reads are the mistake", "CIP0002", Web("""
            enum Edge { None, Cloudflare, Fastly }

            sealed class RateLimitKey
            {
                private readonly Edge _edge;

                public RateLimitKey(Edge edge) => _edge = edge;

                public string For(HttpContext ctx) => _edge switch
                {
                    Edge.Cloudflare => {|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|}.ToString(),
                    Edge.Fastly => {|CIP0002:ctx.Request.Headers["Fastly-Client-IP"]|}.ToString(),
                    _ => ctx.Connection.RemoteIpAddress?.ToString() ?? "",
                };
            }
            """)),

        new AnalyzerCase("A switch expression with no header arm: the peer is the key", "CIP0001", Web("""
            sealed class Quota
            {
                private static readonly Dictionary<string, int> Hits = new();

                public static bool Allow(HttpContext ctx, bool anonymous)
                {
                    var key = anonymous switch
                    {
                        true => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() ?? "",
                        false => ctx.User.Identity?.Name ?? "",
                    };
                    Hits[key] = Hits.TryGetValue(key, out var n) ? n + 1 : 1;
                    return Hits[key] <= 10;
                }
            }
            """)),

        new AnalyzerCase("RemoteIpAddress in a minimal API handler", "CIP0001", Web("""
            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/download/{id}", (string id, HttpContext ctx) =>
                    {
                        var downloader = {|CIP0001:ctx.Connection.RemoteIpAddress|};
                        return Results.Text($"{id} downloaded by {downloader}");
                    });
            }
            """)),

        new AnalyzerCase("RemoteIpAddress?.ToString() as a rate-limit key", "CIP0001", Web("""
            class RateLimiter
            {
                private readonly Dictionary<string, int> _hits = new();

                public bool Allow(HttpContext ctx)
                {
                    var key = {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() ?? "unknown";
                    _hits[key] = _hits.TryGetValue(key, out var n) ? n + 1 : 1;
                    return _hits[key] <= 100;
                }
            }
            """)),

        new AnalyzerCase("RemoteIpAddress in a controller", "CIP0001", Web("""
            public class UploadsController : ControllerBase
            {
                [HttpGet("/whoami")]
                public IActionResult WhoAmI() => Ok({|CIP0001:HttpContext.Connection.RemoteIpAddress|}?.ToString());
            }
            """)),

        new AnalyzerCase("RemoteIpAddress through IHttpContextAccessor and ?.", "CIP0001", Web("""
            class AuditService
            {
                private readonly IHttpContextAccessor _accessor;

                public AuditService(IHttpContextAccessor accessor) => _accessor = accessor;

                public IPAddress? CurrentClient() => {|CIP0001:_accessor.HttpContext?.Connection.RemoteIpAddress|};
            }
            """)),

        new AnalyzerCase("RemoteIpAddress in a primary-constructor service", "CIP0001", Web("""
            class Uploads(IHttpContextAccessor accessor)
            {
                public string Owner => {|CIP0001:accessor.HttpContext!.Connection.RemoteIpAddress|}!.ToString();
            }
            """)),

        new AnalyzerCase("RemoteIpAddress through IHttpConnectionFeature", "CIP0001", Web("""
            static class Peer
            {
                public static IPAddress? Of(HttpContext ctx) => {|CIP0001:ctx.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress|};
            }
            """)),

        new AnalyzerCase("RemoteIpAddress in a local function", "CIP0001", Web("""
            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/", (HttpContext ctx) => Results.Text(Client(ctx)));

                    static string Client(HttpContext c) => {|CIP0001:c.Connection.RemoteIpAddress|}?.ToString() ?? "";
                }
            }
            """)),

        new AnalyzerCase("RemoteIpAddress in a SignalR hub (nested ?. includes the trailing ?.ToString())", "CIP0001", Web("""
            public class ChatHub : Hub
            {
                public string? Who() => {|CIP0001:Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString()|};
            }
            """)),

        new AnalyzerCase("RemoteIpAddress from gRPC's ServerCallContext.GetHttpContext()", "CIP0001", """
            using Grpc.Core;
            using Microsoft.AspNetCore.Http;

            class Greeter
            {
                public string Hello(Grpc.Core.ServerCallContext context) =>
                    "Hello " + {|CIP0001:context.GetHttpContext().Connection.RemoteIpAddress|};
            }
            """ + GrpcStub),

        new AnalyzerCase("IPAddress.IsLoopback on the peer is not a trusted-proxy check", "CIP0001", Web("""
            static class Admin
            {
                // Behind nginx on the same host every request is loopback: this lets everyone in.
                public static bool IsLocal(HttpContext ctx) => IPAddress.IsLoopback({|CIP0001:ctx.Connection.RemoteIpAddress|}!);
            }
            """)),

        new AnalyzerCase("Fallback after a header that carries no client address", "CIP0001", Web("""
            static class Correlation
            {
                public static string Key(HttpContext ctx) =>
                    ctx.Request.Headers["X-Request-Id"].FirstOrDefault() ?? {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() ?? "";
            }
            """)),

        new AnalyzerCase("UseForwardedHeaders without the XForwardedFor flag does not fix RemoteIpAddress", "CIP0001", Web("""
            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto });
                    app.MapGet("/", (HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString());
                }
            }
            """)),

        new AnalyzerCase("A user's own extension named UseClientIp does not configure forwarding", "CIP0001", Web("""
            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseClientIp();
                    app.MapGet("/", (HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString());
                }
            }

            static class MyExtensions
            {
                public static IApplicationBuilder UseClientIp(this IApplicationBuilder app) => app;
            }
            """)),

        new AnalyzerCase("A user's own extension named UseForwardedHeaders does not configure forwarding", "CIP0001", Web("""
            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(ForwardedHeaders.XForwardedFor);
                    app.MapGet("/", (HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString());
                }
            }

            static class MyExtensions
            {
                public static WebApplication UseForwardedHeaders(this WebApplication app, ForwardedHeaders headers) => app;
            }
            """)),

        new AnalyzerCase("A constant named XForwardedFor is not the ForwardedHeaders.XForwardedFor flag", "CIP0001", Web("""
            static class Startup
            {
                private const string XForwardedFor = "X-Forwarded-For";

                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto });
                    app.MapGet("/", (HttpContext ctx) => XForwardedFor + {|CIP0001:ctx.Connection.RemoteIpAddress|});
                }
            }
            """)),

        new AnalyzerCase("An All member of another type is not ForwardedHeaders.All", "CIP0001", Web("""
            enum LegacyForwardedHeaders { None, All }

            static class Startup
            {
                public static LegacyForwardedHeaders Mode = LegacyForwardedHeaders.All;

                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders();
                    app.MapGet("/", (HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString());
                }
            }
            """)),

        new AnalyzerCase("A settings property named ForwardedHeaders is not the ForwardedHeaders flags", "CIP0001", Web("""
            sealed class ProxySettings
            {
                public Flags ForwardedHeaders { get; } = new();
                public bool TrustsForwardedFor => ForwardedHeaders.XForwardedFor;

                public sealed class Flags
                {
                    public bool XForwardedFor { get; set; }
                }
            }

            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders();
                    app.MapGet("/", (HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString());
                }
            }
            """)),

        new AnalyzerCase("A call that merely mentions a proxy is not a trusted-proxy check", "CIP0001", Web("""
            static class Startup
            {
                private static IServiceProvider AddReverseProxy(IServiceProvider services) => services;

                public static string? Client(HttpContext ctx)
                {
                    AddReverseProxy(ctx.RequestServices);
                    return {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString();
                }
            }
            """)),

        new AnalyzerCase("A trust question about something other than the peer is not a trusted-proxy check", "CIP0001", Web("""
            static class Devices
            {
                private static bool IsTrustedDevice() => true;
                private static bool IsProxyEnabled() => false;

                public static string? Client(HttpContext ctx) =>
                    IsTrustedDevice() || IsProxyEnabled() ? {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() : null;
            }
            """)),

        new AnalyzerCase("A local declared without initializer is not a header read, even in a lambda that reads one", "CIP0001", Web("""
            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/", (HttpContext ctx) =>
                    {
                        string? name;
                        name = ctx.Request.Query["name"];
                        ctx.Items["real"] = {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString();
                        return name ?? {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString();
                    });
            }
            """)),

        new AnalyzerCase("A trusted-proxy check in another lambda does not cover this one", "CIP0001", Web("""
            static class Endpoints
            {
                public static void Map(WebApplication app, Func<IPAddress?, bool> isTrustedProxy)
                {
                    app.MapGet("/a", (HttpContext ctx) => isTrustedProxy(ctx.Connection.RemoteIpAddress) ? "proxied" : "direct");
                    app.MapGet("/b", (HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString());
                }
            }
            """)),

        new AnalyzerCase("RemoteIpAddress on a ConnectionInfo parameter (the fix makes it the HttpContext)", "CIP0001", Web("""
            static class Connections
            {
                public static IPAddress? Client(ConnectionInfo connection) => {|CIP0001:connection.RemoteIpAddress|};
            }
            """)),

        new AnalyzerCase("HttpListenerRequest.RemoteEndPoint", "CIP0001", """
            using System.Net;

            static class Listener
            {
                public static string Client(HttpListenerContext context) => {|CIP0001:context.Request.RemoteEndPoint|}.Address.ToString();
            }
            """),

        new AnalyzerCase("Classic ASP.NET Request.UserHostAddress (System.Web stub)", "CIP0001", """
            static class Legacy
            {
                public static string Client(System.Web.HttpRequest request) => {|CIP0001:request.UserHostAddress|};
            }
            """ + SystemWebStub, Fixable: false),

        new AnalyzerCase("A local that only ever holds the peer is the client's identity, though a header is read beside it", "CIP0001", Web("""
            static class Banning
            {
                public static bool IsBanned(HttpContext context, ISet<string> banned, ILogger logger)
                {
                    var caller = {|CIP0001:context.Connection.RemoteIpAddress|}?.ToString() ?? "";
                    var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
                    logger.LogInformation("Forwarded for {Chain}", forwarded);
                    return banned.Contains(caller);
                }
            }
            """)),
    };

    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        new AnalyzerCase("Middleware that writes RemoteIpAddress", null, Web("""
            static class Middleware
            {
                public static void Use(WebApplication app) => app.Use(async (ctx, next) =>
                {
                    ctx.Connection.RemoteIpAddress = IPAddress.Loopback;
                    var feature = ctx.Features.Get<IHttpConnectionFeature>();
                    if (feature is not null)
                    {
                        feature.RemoteIpAddress = IPAddress.IPv6Loopback;
                    }

                    await next(ctx);
                });
            }
            """)),

        new AnalyzerCase("RemoteIpAddress only checked for null", null, Web("""
            static class Guards
            {
                public static bool HasPeer(HttpContext ctx) => ctx.Connection.RemoteIpAddress is not null;
                public static bool NoPeer(HttpContext ctx) => ctx.Connection.RemoteIpAddress == null;
            }
            """)),

        new AnalyzerCase("RemoteIpAddress only logged", null, Web("""
            static class RequestLog
            {
                public static void Log(HttpContext ctx, ILogger logger)
                {
                    logger.LogInformation("Connection from {Peer}", ctx.Connection.RemoteIpAddress);
                    var peer = ctx.Connection.RemoteIpAddress?.ToString();
                    logger.LogDebug($"peer {peer}");
                }
            }
            """)),

        new AnalyzerCase("UseForwardedHeaders with XForwardedFor in the same compilation", null, Web("""
            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions
                    {
                        ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
                    });
                    app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
                }
            }
            """)),

        new AnalyzerCase("Forwarded headers configured through Configure<ForwardedHeadersOptions> with All", null, Web("""
            static class Startup
            {
                public static void Services(WebApplicationBuilder builder) =>
                    builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.All);

                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders();
                    app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
                }
            }
            """)),

        new AnalyzerCase("The XForwardedFor flag written with its namespace", null, Web("""
            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions
                    {
                        ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor,
                    });
                    app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
                }
            }
            """)),

        new AnalyzerCase("The XForwardedFor flag through a using alias", null, Web("""
            using Forwarding = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders;

            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = Forwarding.XForwardedFor });
                    app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
                }
            }
            """)),

        new AnalyzerCase("UseClientIp in the same compilation", null, Web("""
            static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    app.UseClientIp();
                    app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
                }
            }
            """)),

        new AnalyzerCase("A hand-written trusted-proxy check", null, Web("""
            static class ProxyAware
            {
                private static readonly HashSet<IPAddress> TrustedProxies = new() { IPAddress.Parse("10.0.0.5") };

                public static IPAddress? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is not null && TrustedProxies.Contains(peer) &&
                        IPAddress.TryParse(ctx.Request.Headers["X-Real-IP"].ToString(), out var forwarded))
                    {
                        return forwarded;
                    }

                    return peer;
                }
            }
            """)),

        new AnalyzerCase("Code of the ClientIp library itself", null, Web("""
            namespace ClientIp
            {
                static class PeerFallback
                {
                    public static IPAddress? Peer(HttpContext ctx) => ctx.Connection.RemoteIpAddress;
                }
            }
            """)),

        new AnalyzerCase("nameof(RemoteIpAddress) names the member without reading it", null, Web("""
            static class Names
            {
                public static string Key(HttpContext ctx) => nameof(ctx.Connection.RemoteIpAddress);
            }
            """)),

        new AnalyzerCase("Other ConnectionInfo members", null, Web("""
            static class Info
            {
                public static string Describe(HttpContext ctx) =>
                    $"{ctx.Connection.LocalIpAddress}:{ctx.Connection.LocalPort} from port {ctx.Connection.RemotePort}";
            }
            """)),
    };
}
