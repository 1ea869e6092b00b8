using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>CIP0002: a client-IP header read without checking that the request came from a trusted proxy.</summary>
public static class HeaderReadCases
{
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        new AnalyzerCase("A branch on a trust question about something other than the peer does not guard the read", "CIP0002", Web("""
            static class Settings
            {
                public static bool IsProxyEnabled() => true;

                public static string? Client(HttpContext ctx) =>
                    IsProxyEnabled() ? {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString() : null;
            }
            """)),

        new AnalyzerCase("X-Real-IP through the header indexer", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Real-IP"]|};
            }
            """)),

        new AnalyzerCase("X-Real-IP with a fallback to the peer (CIP0002 only, no CIP0001 on the fallback)", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx) =>
                    {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString();
            }
            """)),

        new AnalyzerCase("Ternary fallback to the peer", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx)
                {
                    string? realIp = {|CIP0002:ctx.Request.Headers["X-Real-IP"]|};
                    return string.IsNullOrEmpty(realIp) ? ctx.Connection.RemoteIpAddress?.ToString() : realIp;
                }
            }
            """)),

        new AnalyzerCase("TryGetValue, else the peer", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx)
                {
                    string? ip;
                    if ({|CIP0002:ctx.Request.Headers.TryGetValue("True-Client-IP", out var value)|})
                    {
                        ip = value.ToString();
                    }
                    else
                    {
                        ip = ctx.Connection.RemoteIpAddress?.ToString();
                    }

                    return ip;
                }
            }
            """)),

        new AnalyzerCase("The header returned under a setting, the peer returned after it: one destination, one report", "CIP0002", Web("""
            class ClientAddress
            {
                private readonly bool _behindProxy = true;

                public string? Get(HttpContext context)
                {
                    if (_behindProxy)
                    {
                        return {|CIP0002:context.Request.Headers["X-Real-IP"]|}.ToString();
                    }

                    return context.Connection.RemoteIpAddress?.ToString();
                }
            }
            """)),

        new AnalyzerCase("The peer as the starting value of a local that a parsed header overrides", "CIP0002", Web("""
            static class Binding
            {
                public static bool Allowed(HttpContext ctx, ISet<IPAddress> bound)
                {
                    IPAddress client = ctx.Connection.RemoteIpAddress!;
                    if ({|CIP0002:ctx.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded)|} && !string.IsNullOrEmpty(forwarded))
                    {
                        if (IPAddress.TryParse(forwarded, out var parsed))
                        {
                            client = parsed;
                        }
                    }

                    return bound.Contains(client);
                }
            }
            """)),

        new AnalyzerCase("TryGetValue with an early return, then the peer", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpRequest request)
                {
                    if ({|CIP0002:request.Headers.TryGetValue("CF-Connecting-IP", out var cf)|})
                        return cf.ToString();
                    return request.HttpContext.Connection.RemoteIpAddress?.ToString();
                }
            }
            """)),

        new AnalyzerCase("Header name in a different casing", "CIP0002", Web("""
            public class WhoAmIController : ControllerBase
            {
                [HttpGet("/whoami")]
                public string WhoAmI() => {|CIP0002:Request.Headers["x-forwarded-for"]|}.ToString();
            }
            """)),

        new AnalyzerCase("Header name from a const field", "CIP0002", Web("""
            static class Endpoints
            {
                private const string RealIpHeader = "X-Real-IP";

                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[RealIpHeader]|}.ToString();
            }
            """)),

        new AnalyzerCase("Header name from a const local", "CIP0002", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx)
                {
                    const string header = "X-Client-IP";
                    return {|CIP0002:ctx.Request.Headers[header]|}.ToString();
                }
            }
            """)),

        new AnalyzerCase("Header name from a static readonly field", "CIP0002", Web("""
            static class Endpoints
            {
                private static readonly string ClientHeader = "Fastly-Client-IP";

                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[ClientHeader]|}.ToString();
            }
            """)),

        new AnalyzerCase("Header name from a single-assignment local", "CIP0002", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx)
                {
                    var header = "Fly-Client-IP";
                    return {|CIP0002:ctx.Request.Headers[header]|}.ToString();
                }
            }
            """)),

        new AnalyzerCase("Header name from an interpolated constant", "CIP0002", Web("""
            static class Endpoints
            {
                private const string Prefix = "X-Real";

                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[$"{Prefix}-IP"]|}.ToString();
            }
            """)),

        new AnalyzerCase("Header name concatenated from a static readonly field", "CIP0002", Web("""
            static class Endpoints
            {
                private static readonly string Vendor = "X-Azure";

                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[Vendor + "-ClientIP"]|}.ToString();
            }
            """)),

        new AnalyzerCase("Header name from ForwardedHeadersDefaults.XForwardedForHeaderName", "CIP0002", Web("""
            static class Endpoints
            {
                public static string Chain(HttpContext ctx) =>
                    {|CIP0002:ctx.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName]|}.ToString();
            }
            """)),

        new AnalyzerCase("GetCommaSeparatedValues, rightmost entry", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpContext ctx) =>
                    {|CIP0002:ctx.Request.Headers.GetCommaSeparatedValues("X-Forwarded-For")|}.LastOrDefault();
            }
            """)),

        new AnalyzerCase("GetCommaSeparatedValues called as a static method", "CIP0002", Web("""
            static class Endpoints
            {
                public static string Chain(HttpContext ctx) =>
                    string.Join(" > ", {|CIP0002:HeaderDictionaryExtensions.GetCommaSeparatedValues(ctx.Request.Headers, "Forwarded")|});
            }
            """), Fixable: false),

        new AnalyzerCase("Typed request headers", "CIP0002", Web("""
            static class Endpoints
            {
                public static string? Client(HttpRequest request) =>
                    {|CIP0002:request.GetTypedHeaders().Get<string>("X-Real-IP")|};
            }
            """)),

        new AnalyzerCase("[FromHeader] on a property of an [AsParameters] type", "CIP0002", Web("""
            public class ClientInfo
            {
                [{|CIP0002:FromHeader(Name = "True-Client-IP")|}]
                public string? Address { get; set; }
            }
            """), Fixable: false),

        new AnalyzerCase("Every X-Forwarded-For entry iterated", "CIP0002", Web("""
            static class Endpoints
            {
                public static List<string> Hops(HttpContext ctx)
                {
                    var hops = new List<string>();
                    foreach (var hop in {|CIP0002:ctx.Request.Headers["X-Forwarded-For"]|})
                    {
                        hops.Add(hop ?? "");
                    }

                    return hops;
                }
            }
            """), Fixable: false),

        new AnalyzerCase("Rightmost entry with an index from the end", "CIP0002", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Forwarded-For"]|}.ToString().Split(',')[^1].Trim();
            }
            """)),

        new AnalyzerCase("The header read from an IHeaderDictionary parameter (the fix makes it the HttpContext)", "CIP0002", Web("""
            static class Headers
            {
                public static string Client(IHeaderDictionary headers) => {|CIP0002:headers["X-Envoy-External-Address"]|}.ToString();
            }
            """)),

        new AnalyzerCase("[FromHeader] parameter in a minimal API handler", "CIP0002", Web("""
            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/", ([{|CIP0002:FromHeader(Name = "X-Real-IP")|}] string? realIp) => Results.Text(realIp ?? ""));
            }
            """)),

        new AnalyzerCase("[FromHeader] after another attribute list on the same parameter (reported once)", "CIP0002", Web("""
            public class ReportsController : ControllerBase
            {
                [HttpGet("/report")]
                public IActionResult Report([System.ComponentModel.DataAnnotations.Required][{|CIP0002:FromHeader(Name = "X-Forwarded-For")|}] string client) => Ok(client);
            }
            """)),

        new AnalyzerCase("[FromHeader] in one attribute list with [Required]", "CIP0002", Web("""
            public class ReportsController : ControllerBase
            {
                [HttpGet("/report")]
                public IActionResult Report([System.ComponentModel.DataAnnotations.Required, {|CIP0002:FromHeader(Name = "X-Real-IP")|}] string client) => Ok(client);
            }
            """)),

        new AnalyzerCase("The app's own header-binding attribute, named after what it binds, beside [FromQuery] on a minimal API handler", "CIP0002", Web("""
            [AttributeUsage(AttributeTargets.Parameter)]
            sealed class ClientAddressAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata
            {
                public string? Name { get; set; }
            }

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/", ([FromQuery] int page, [{|CIP0002:ClientAddress(Name = "X-Forwarded-For")|}] string? client) => Results.Text($"{page} {client}"));
            }
            """)),

        new AnalyzerCase("[FromHeader] on a local function's parameter", "CIP0002", Web("""
            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/", Handle);

                    static string Handle([{|CIP0002:FromHeader(Name = "X-Real-IP")|}] string? ip) => ip ?? "";
                }
            }
            """)),

        new AnalyzerCase("[FromHeader] on a record's primary-constructor parameter", "CIP0002", Web("""
            public record ClientHeaders([{|CIP0002:FromHeader(Name = "CF-Connecting-IP")|}] string? Address);
            """), Fixable: false),

        new AnalyzerCase("[FromHeader] parameter in a controller action", "CIP0002", Web("""
            public class VotesController : ControllerBase
            {
                [HttpPost("/vote")]
                public IActionResult Vote([{|CIP0002:FromHeader(Name = "X-Forwarded-For")|}] string voter) => Ok(voter);
            }
            """)),

        new AnalyzerCase("[FromHeader] without a name binds the parameter's own name, here Forwarded", "CIP0002", Web("""
            public class VotesController : ControllerBase
            {
                [HttpPost("/vote")]
                public IActionResult Vote([{|CIP0002:FromHeader|}] string forwarded) => Ok(forwarded);
            }
            """), Fixable: false),

        new AnalyzerCase("Value logged and also used", "CIP0002", Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx, ILogger logger)
                {
                    var ip = {|CIP0002:ctx.Request.Headers["X-Cluster-Client-IP"]|}.ToString();
                    logger.LogInformation("Client {Ip}", ip);
                    return ip;
                }
            }
            """)),

        new AnalyzerCase("HttpRequestMessage headers in a handler", "CIP0002", """
            using System.Linq;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class AuditHandler : DelegatingHandler
            {
                public string? LastClient { get; private set; }

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    LastClient = {|CIP0002:request.Headers.GetValues("Proxy-Client-IP")|}.FirstOrDefault();
                    return base.SendAsync(request, cancellationToken);
                }
            }
            """, Fixable: false),

        new AnalyzerCase("HttpRequestMessage TryGetValues", "CIP0002", """
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;

            static class Inbound
            {
                public static string? Client(HttpRequestMessage request) =>
                    {|CIP0002:request.Headers.TryGetValues("X-Forwarded-For", out IEnumerable<string>? values)|} ? values.Last() : null;
            }
            """, Fixable: false),

        new AnalyzerCase("HttpListenerRequest headers", "CIP0002", """
            using System.Net;

            static class Listener
            {
                public static string? Client(HttpListenerRequest request) => {|CIP0002:request.Headers["WL-Proxy-Client-IP"]|};
            }
            """, Fixable: false),

        new AnalyzerCase("Classic ASP.NET server variable and header (System.Web stub)", "CIP0002", """
            static class Legacy
            {
                public static string? Client(System.Web.HttpRequest request) =>
                    {|CIP0002:request.ServerVariables["HTTP_X_FORWARDED_FOR"]|} ?? {|CIP0002:request.Headers.Get("Client-IP")|};
            }
            """ + SystemWebStub, Fixable: false),
    };

    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        new AnalyzerCase("Other binding and serialization attributes naming a client-IP header bind no header", null, Web("""
            public class LookupController : ControllerBase
            {
                [HttpGet("/lookup")]
                public IActionResult Lookup([FromQuery(Name = "X-Real-IP")] string ip, [FromRoute(Name = "X-Forwarded-For")] string hop) => Ok(ip + hop);
            }

            public sealed class Visit
            {
                [System.Text.Json.Serialization.JsonPropertyName("X-Forwarded-For")]
                public string? ForwardedFor { get; set; }
            }
            """)),

        new AnalyzerCase("A reverse proxy writing, appending and removing forwarding headers", null, Web("""
            static class Forwarding
            {
                public static void Prepare(HttpContext ctx, System.Net.Http.HttpRequestMessage outgoing)
                {
                    ctx.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
                    ctx.Request.Headers.Append("X-Forwarded-For", "10.0.0.1");
                    ctx.Request.Headers.Remove("X-Real-IP");
                    outgoing.Headers.Add("X-Forwarded-For", "203.0.113.7");
                    outgoing.Headers.TryAddWithoutValidation("X-Real-IP", "203.0.113.7");
                }
            }
            """)),

        new AnalyzerCase("A reverse proxy appending the peer to the incoming chain", null, Web("""
            static class Forwarder
            {
                public static void Forward(HttpContext ctx, System.Net.Http.HttpRequestMessage outgoing)
                {
                    var chain = ctx.Request.Headers["X-Forwarded-For"].ToString();
                    var peer = ctx.Connection.RemoteIpAddress?.ToString();
                    outgoing.Headers.TryAddWithoutValidation("X-Forwarded-For", string.IsNullOrEmpty(chain) ? peer : chain + ", " + peer);
                    ctx.Request.Headers["X-Original-Forwarded-For"] = ctx.Request.Headers["X-Forwarded-For"];
                }
            }
            """)),

        new AnalyzerCase("Presence checks", null, Web("""
            static class Detect
            {
                public static bool BehindProxy(HttpContext ctx) =>
                    ctx.Request.Headers.ContainsKey("X-Forwarded-For") ||
                    !StringValues.IsNullOrEmpty(ctx.Request.Headers["X-Real-IP"]) ||
                    ctx.Request.Headers["Forwarded"].Count > 0 ||
                    ctx.Request.Headers.TryGetValue("CF-Connecting-IP", out _);
            }
            """)),

        new AnalyzerCase("Response headers", null, Web("""
            static class Echo
            {
                public static string Sent(HttpContext ctx) => ctx.Response.Headers["X-Real-IP"].ToString();
            }
            """)),

        new AnalyzerCase("A header-binding attribute whose Name argument is an array is not misread (no crash)", null, Web("""
            [AttributeUsage(AttributeTargets.Parameter)]
            sealed class HeadersAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata
            {
                public string[] Name { get; set; } = Array.Empty<string>();

                string? Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata.Name => Name.FirstOrDefault();
            }

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/", ([Headers(Name = new[] { "X-Real-IP" })] string? host) => Results.Text(host ?? ""));
            }
            """)),

        new AnalyzerCase("Read inside a branch that checks the peer is a trusted proxy", null, Web("""
            static class Resolver
            {
                private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

                private static bool IsTrustedProxy(IPAddress? peer) => Proxy.Equals(peer);

                public static string? Client(HttpContext ctx)
                {
                    if (IsTrustedProxy(ctx.Connection.RemoteIpAddress))
                    {
                        return ctx.Request.Headers["X-Real-IP"].ToString();
                    }

                    return ctx.Connection.RemoteIpAddress?.ToString();
                }
            }
            """)),

        new AnalyzerCase("Read after an early return for untrusted peers", null, Web("""
            static class Resolver
            {
                private static readonly HashSet<IPAddress> KnownProxies = new() { IPAddress.Loopback };

                public static string? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is null || !KnownProxies.Contains(peer))
                    {
                        return peer?.ToString();
                    }

                    return ctx.Request.Headers["X-Real-IP"].ToString();
                }
            }
            """)),

        new AnalyzerCase("Header value only logged", null, Web("""
            static class Diagnostics
            {
                public static void Trace(HttpContext ctx, ILogger logger)
                {
                    logger.LogDebug("Forwarded chain: {Chain}", ctx.Request.Headers["X-Forwarded-For"].ToString());
                    var realIp = ctx.Request.Headers["X-Real-IP"];
                    logger.LogDebug($"X-Real-IP was {realIp}");
                }
            }
            """)),

        new AnalyzerCase("Headers that carry no client address", null, Web("""
            static class Other
            {
                public static string Describe(HttpContext ctx) =>
                    ctx.Request.Headers["User-Agent"].ToString() + ctx.Request.Headers["X-Forwarded-Proto"] +
                    ctx.Request.Headers[ForwardedHeadersDefaults.XForwardedHostHeaderName];
            }
            """)),

        new AnalyzerCase("Header name not known at compile time", null, Web("""
            static class Configurable
            {
                private static string Header = "X-Real-IP";

                public static string Read(HttpContext ctx, string name) =>
                    ctx.Request.Headers[name].ToString() + ctx.Request.Headers[Header];
            }
            """)),

        new AnalyzerCase("Local header name assigned twice is not resolved", null, Web("""
            static class Configurable
            {
                public static string Read(HttpContext ctx, bool real)
                {
                    var header = "X-Forwarded-For";
                    if (real)
                    {
                        header = "User-Agent";
                    }

                    return ctx.Request.Headers[header].ToString();
                }
            }
            """)),

        new AnalyzerCase("Headers of an HTTP response message", null, """
            using System.Linq;
            using System.Net.Http;

            static class Upstream
            {
                public static string? Echoed(HttpResponseMessage response) => response.Headers.GetValues("X-Real-IP").FirstOrDefault();
            }
            """),

        new AnalyzerCase("Code of the ClientIp library itself", null, Web("""
            namespace ClientIp
            {
                static class HeaderSource
                {
                    public static string Raw(HttpContext ctx) => ctx.Request.Headers["X-Forwarded-For"].ToString();
                }
            }
            """)),
    };
}
