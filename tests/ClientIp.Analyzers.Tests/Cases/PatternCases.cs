using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>
/// Issue 11, family 2: an <c>is</c> pattern is a use unless it only tests for null or emptiness. Modelled on a middleware
/// that took CF-Connecting-IP from anyone through a property pattern, a SignalR hub that made loopback callers the
/// admin through a binding pattern, and endpoints comparing the peer's text with constant patterns.
/// </summary>
public static class PatternCases
{
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        new AnalyzerCase("A property pattern over StringValues that binds the header", "CIP0002", Web("""
            static class CloudflareClient
            {
                public static void Use(WebApplication app) => app.Use(async (ctx, next) =>
                {
                    if ({|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|} is { Count: > 0 } cf)
                    {
                        ctx.Items["client"] = cf.ToString();
                    }

                    await next(ctx);
                });
            }
            """), Fixable: false),

        new AnalyzerCase("A type pattern that binds the header's text", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpRequest request) =>
                    {|CIP0002:request.Headers["X-Client-IP"]|}.ToString() is string ip && ip.Length > 0 ? ip : null;
            }
            """)),

        new AnalyzerCase("A list pattern over the header's values", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpRequest request) =>
                    {|CIP0002:request.Headers["True-Client-IP"]|} is [var only] ? only : null;
            }
            """), Fixable: false),

        new AnalyzerCase("SignalR hub: the peer bound by a pattern and compared with loopback decides who is admin", "CIP0001", Web("""
            public class ControlHub : Hub
            {
                public bool IsAdmin() =>
                    {|CIP0001:Context.GetHttpContext()?.Connection.RemoteIpAddress|} is { } ip && IPAddress.IsLoopback(ip);
            }
            """)),

        new AnalyzerCase("A constant pattern against address strings", "CIP0001", Web("""
            static class Maintenance
            {
                public static bool FromLocalhost(HttpContext ctx) =>
                    {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() is "127.0.0.1" or "::1";
            }
            """)),

        new AnalyzerCase("A property pattern over the connection binding the peer", "CIP0001", Web("""
            static class Allow
            {
                private static readonly HashSet<IPAddress> Office = new() { IPAddress.Parse("203.0.113.10") };

                public static bool IsOffice(HttpContext ctx) =>
                    ctx.Connection is { {|CIP0001:RemoteIpAddress|}: { } remote } && Office.Contains(remote);
            }
            """)),

        new AnalyzerCase("A switch expression over the peer's text", "CIP0001", Web("""
            enum Role { User, Operator }

            static class Roles
            {
                public static Role Of(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() switch
                {
                    "10.0.0.2" => Role.Operator,
                    _ => Role.User,
                };
            }
            """)),
    };

    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        new AnalyzerCase("Null and emptiness patterns only test presence", null, Web("""
            static class Detect
            {
                public static bool HasPeer(HttpContext ctx) => ctx.Connection.RemoteIpAddress is { };
                public static bool NoPeer(HttpContext ctx) => ctx.Connection is { RemoteIpAddress: null };
                public static bool Forwarded(HttpContext ctx) => ctx.Request.Headers["X-Forwarded-For"] is { Count: > 0 };
                public static bool RealIp(HttpContext ctx) => ctx.Request.Headers["X-Real-IP"].ToString() is not (null or "");
            }
            """)),

        new AnalyzerCase("A pattern binding a value that is then only logged", null, Web("""
            static class Trace
            {
                public static void Log(HttpContext ctx, ILogger logger)
                {
                    if (ctx.Request.Headers["X-Forwarded-For"] is { Count: > 0 } chain)
                    {
                        logger.LogDebug("Forwarded chain {Chain}", chain.ToString());
                    }
                }
            }
            """)),
    };
}
