using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>CIP0003: the leftmost X-Forwarded-For entry, which the client writes, taken as the client.</summary>
public static class LeftmostEntryCases
{
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        new AnalyzerCase("Split(',')[0] (a trailing Trim() is not part of the span)", "CIP0003", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) =>
                    {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|}.Trim();
            }
            """)),

        new AnalyzerCase("Split(',').First()", "CIP0003", Web("""
            public class RateController : ControllerBase
            {
                [HttpGet("/limited")]
                public string Limited() => {|CIP0003:Request.Headers["X-Forwarded-For"].ToString().Split(',').First()|};
            }
            """)),

        new AnalyzerCase("Split(',').FirstOrDefault() on the implicit string", "CIP0003", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx)
                {
                    string xff = ctx.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName]!;
                    return {|CIP0003:xff.Split(',', StringSplitOptions.TrimEntries).FirstOrDefault()|};
                }
            }
            """)),

        new AnalyzerCase("StringValues[0]", "CIP0003", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx) => {|CIP0003:ctx.Request.Headers["X-Forwarded-For"][0]|};
            }
            """)),

        new AnalyzerCase("FirstOrDefault() on the header values", "CIP0003", Web("""
            static class Endpoints
            {
                public static string? Client(HttpRequest request) => {|CIP0003:request.Headers["X-Forwarded-For"].FirstOrDefault()|};
            }
            """)),

        new AnalyzerCase("GetCommaSeparatedValues(...)[0]", "CIP0003", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) => {|CIP0003:ctx.Request.Headers.GetCommaSeparatedValues("X-Forwarded-For")[0]|};
            }
            """)),

        new AnalyzerCase("Split entries through two locals, else the peer: the peer is the fallback", "CIP0003", Web("""
            static class Quota
            {
                public static string Key(HttpContext context)
                {
                    var header = context.Request.Headers["X-Forwarded-For"].ToString();
                    var ips = header.Split(',', StringSplitOptions.RemoveEmptyEntries);
                    return ips.Length > 0 ? {|CIP0003:ips[0]|} : context.Connection.RemoteIpAddress?.ToString() ?? "";
                }
            }
            """)),

        new AnalyzerCase("Substring(0, comma) with the comma's position in a local", "CIP0003", Web("""
            static class Caller
            {
                public static string Address(HttpRequest request)
                {
                    string xff = request.Headers["X-Forwarded-For"].ToString();
                    int comma = xff.IndexOf(',');
                    return (comma >= 0 ? {|CIP0003:xff.Substring(0, comma)|} : xff).Trim();
                }
            }
            """)),

        new AnalyzerCase("Substring(0, IndexOf(','))", "CIP0003", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx)
                {
                    var xff = ctx.Request.Headers["X-Forwarded-For"].ToString();
                    return xff.Contains(',') ? {|CIP0003:xff.Substring(0, xff.IndexOf(','))|} : xff;
                }
            }
            """)),

        new AnalyzerCase("A range up to the first comma", "CIP0003", Web("""
            static class Carts
            {
                public static string Key(HttpContext ctx)
                {
                    string xff = ctx.Request.Headers["X-Forwarded-For"].ToString();
                    int comma = xff.IndexOf(',');
                    return (comma < 0 ? xff : {|CIP0003:xff[..comma]|}).Trim();
                }
            }
            """)),

        new AnalyzerCase("Remove(IndexOf(',')): everything up to the first comma", "CIP0003", Web("""
            static class Votes
            {
                public static string Voter(HttpContext ctx)
                {
                    var xff = ctx.Request.Headers["X-Forwarded-For"].ToString();
                    return xff.Contains(',') ? {|CIP0003:xff.Remove(xff.IndexOf(','))|} : xff;
                }
            }
            """)),

        new AnalyzerCase("A range after the first comma is not the leftmost entry; the read is still unguarded", "CIP0002", Web("""
            static class Hops
            {
                public static string Rest(HttpContext ctx)
                {
                    var xff = {|CIP0002:ctx.Request.Headers["X-Forwarded-For"]|}.ToString();
                    return xff[(xff.IndexOf(',') + 1)..].Trim();
                }
            }
            """)),

        new AnalyzerCase("First entries of two headers, else the peer with ??=: no CIP0001 on the fallback", "CIP0003", Web("""
            static class AuditTrail
            {
                public static string Address(HttpContext context)
                {
                    var headers = context.Request.Headers;
                    string? address = null;
                    if (headers.ContainsKey("X-Original-Forwarded-For"))
                    {
                        address = {|CIP0003:headers["X-Original-Forwarded-For"].ToString().Split(',')[0]|}.Trim();
                    }
                    else if (headers.ContainsKey("X-Forwarded-For"))
                    {
                        address = {|CIP0003:headers["X-Forwarded-For"].ToString().Split(',')[0]|}.Trim();
                    }

                    address ??= context.Connection.RemoteIpAddress?.ToString() ?? "-";
                    return address;
                }
            }
            """)),

        new AnalyzerCase("The header handed to a helper of the app that returns its first entry: reported at the read", "CIP0003", Web("""
            static class Votes
            {
                private static readonly HashSet<string> Voted = new();

                private static string? FirstHop(StringValues values) =>
                    values.Count == 0 ? null : values[0]?.Split(',')[0].Trim();

                public static bool Cast(HttpContext context)
                {
                    var voter = FirstHop({|CIP0003:context.Request.Headers["X-Forwarded-For"]|}) ?? "anonymous";
                    return Voted.Add(voter);
                }
            }
            """)),

        new AnalyzerCase("The header handed to a helper that returns its last entry: not leftmost, still unguarded", "CIP0002", Web("""
            static class Votes
            {
                private static readonly HashSet<string> Voted = new();

                private static string? LastHop(string values) => values.Split(',')[^1].Trim();

                public static bool Cast(HttpContext context)
                {
                    var voter = LastHop({|CIP0002:context.Request.Headers["X-Forwarded-For"]|}.ToString()) ?? "anonymous";
                    return Voted.Add(voter);
                }
            }
            """)),

        new AnalyzerCase("Substring(0, comma) into another local, the header's local kept when there is no comma", "CIP0003", Web("""
            sealed class SignupThrottle
            {
                private readonly Dictionary<string, int> _signups = new();

                public bool Allow(HttpContext context)
                {
                    string xff = context.Request.Headers["X-Forwarded-For"].ToString();
                    int comma = xff.IndexOf(',');
                    string registrant = comma >= 0 ? {|CIP0003:xff.Substring(0, comma)|} : xff;
                    _signups[registrant] = _signups.TryGetValue(registrant, out var n) ? n + 1 : 1;
                    return _signups[registrant] <= 3;
                }
            }
            """)),

        new AnalyzerCase("Split into a local array, its first entry else the peer", "CIP0003", Web("""
            sealed class Quota
            {
                private readonly Dictionary<string, long> _bytes = new();

                public void Count(HttpContext context)
                {
                    var header = context.Request.Headers["X-Forwarded-For"].ToString();
                    var ips = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var client = ips.Length > 0 ? {|CIP0003:ips[0]|} : context.Connection.RemoteIpAddress?.ToString() ?? "";
                    _bytes[client] = _bytes.GetValueOrDefault(client) + 1;
                }
            }
            """)),

        new AnalyzerCase("A range up to the first comma, the peer when it is empty", "CIP0003", Web("""
            sealed class Carts
            {
                private readonly Dictionary<string, int> _carts = new();

                public int CartFor(HttpContext ctx)
                {
                    string xff = ctx.Request.Headers["X-Forwarded-For"].ToString();
                    int comma = xff.IndexOf(',');
                    string client = (comma < 0 ? xff : {|CIP0003:xff[..comma]|}).Trim();
                    if (client.Length == 0)
                    {
                        client = ctx.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
                    }

                    return _carts.GetValueOrDefault(client);
                }
            }
            """)),

        new AnalyzerCase("Leftmost entry through a local array", "CIP0003", Web("""
            static class Endpoints
            {
                public static IPAddress? Client(HttpContext ctx)
                {
                    var parts = ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',');
                    var first = {|CIP0003:parts[0]|}.Trim();
                    return IPAddress.TryParse(first, out var ip) ? ip : null;
                }
            }
            """)),

        new AnalyzerCase("Leftmost entry of a TryGetValue out variable", "CIP0003", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx)
                {
                    if (ctx.Request.Headers.TryGetValue("X-Forwarded-For", out var chain))
                    {
                        return {|CIP0003:chain.ToString().Split(',')[0]|};
                    }

                    return null;
                }
            }
            """)),

        new AnalyzerCase("Leftmost X-Original-Forwarded-For entry", "CIP0003", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) =>
                    {|CIP0003:ctx.Request.Headers["X-Original-Forwarded-For"].ToString().Split(',')[0]|};
            }
            """)),

        new AnalyzerCase("Leftmost entry with a fallback to the peer (no CIP0001 on the fallback)", "CIP0003", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx) =>
                    {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].FirstOrDefault()|} ?? ctx.Connection.RemoteIpAddress?.ToString();
            }
            """)),

        new AnalyzerCase("Leftmost entry inside a trusted-proxy check: the proxy vouches only for what it appended", "CIP0003", Web("""
            static class Resolver
            {
                public static string? Client(HttpContext ctx, Func<IPAddress?, bool> isTrustedProxy) =>
                    isTrustedProxy(ctx.Connection.RemoteIpAddress)
                        ? {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|}
                        : ctx.Connection.RemoteIpAddress?.ToString();
            }
            """)),

        new AnalyzerCase("Leftmost entry from HttpListenerRequest", "CIP0003", """
            using System.Net;

            static class Listener
            {
                public static string? Client(HttpListenerRequest request) => {|CIP0003:request.Headers["X-Forwarded-For"]?.Split(',')[0]|};
            }
            """),
    };

    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        new AnalyzerCase("Counting the hops decides nothing about the client", null, Web("""
            sealed class HopLimit
            {
                public static bool TooManyProxies(HttpContext context) =>
                    context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Length > 8;
            }
            """)),

        new AnalyzerCase("Leftmost entry only logged", null, Web("""
            static class Diagnostics
            {
                public static void Trace(HttpContext ctx, ILogger logger) =>
                    logger.LogInformation("Original client claimed {Ip}", ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]);
            }
            """)),
    };
}
