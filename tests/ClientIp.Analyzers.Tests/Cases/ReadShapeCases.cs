using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>
/// Issue 11, family 3: reads real apps use that were not seen. Modelled on public code: extension methods walking an
/// array of header names ("True-Client-IP", "CF-Connecting-IP", "HTTP_X_FORWARDED_FOR"), the widely copied
/// GetHeaderValueAs&lt;T&gt;(headerName) helper and its SplitCsv().FirstOrDefault() caller, GetHeader(this HttpRequest, string key)
/// helpers that discard TryGetValue's bool, request headers copied with ToDictionary, LINQ over the headers by key,
/// a gRPC service resolving the client from x-real-ip / x-forwarded-for metadata and context.Peer, IIS server variables,
/// and Microsoft.AspNetCore.HeaderParsing's CommonHeaders.XForwardedFor.
/// </summary>
public static class ReadShapeCases
{
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        // ---- names in fields and collections that a loop walks ----
        new AnalyzerCase("A static readonly array of names walked by foreach", "CIP0002", Web("""
            static class RequestIp
            {
                private static readonly string[] ClientIpHeaders = { "True-Client-IP", "CF-Connecting-IP", "HTTP_X_FORWARDED_FOR" };

                public static string? Actual(HttpRequest request)
                {
                    foreach (var header in ClientIpHeaders)
                    {
                        if (request.Headers.ContainsKey(header) && {|CIP0002:request.Headers[header]|}.ToString() is { Length: > 0 } ip)
                        {
                            return ip;
                        }
                    }

                    return request.HttpContext.Connection.RemoteIpAddress?.ToString();
                }
            }
            """)),

        new AnalyzerCase("TryGetValue whose bool is discarded, in a loop over an inline list of names", "CIP0002", Web("""
            static class RequestIp
            {
                public static string? Find(HttpContext ctx)
                {
                    foreach (var name in new List<string> { "X-Real-IP", "X-Client-IP" })
                    {
                        _ = {|CIP0002:ctx.Request.Headers.TryGetValue(name, out var value)|};
                        if (!StringValues.IsNullOrEmpty(value))
                        {
                            return value.ToString();
                        }
                    }

                    return null;
                }
            }
            """), Fixable: false),

        new AnalyzerCase("Names indexed in a for loop and taken leftmost", "CIP0003", Web("""
            static class RequestIp
            {
                private static readonly IReadOnlyList<string> Names = new[] { "Forwarded-Host", "X-Forwarded-For" };

                public static string? Find(HttpContext ctx)
                {
                    for (var i = 0; i < Names.Count; i++)
                    {
                        var raw = ctx.Request.Headers[Names[i]].ToString();
                        if (raw.Length > 0)
                        {
                            return {|CIP0003:raw.Split(',')[0]|};
                        }
                    }

                    return null;
                }
            }
            """)),

        new AnalyzerCase("Names picked with LINQ", "CIP0002", Web("""
            static class RequestIp
            {
                private static readonly string[] Candidates = ["Fly-Client-IP", "X-Real-IP"];

                public static string? Find(HttpContext ctx) =>
                    Candidates.Select(h => {|CIP0002:ctx.Request.Headers[h]|}.ToString()).FirstOrDefault(v => v.Length > 0);
            }
            """)),

        new AnalyzerCase("A static readonly name initialised from ForwardedHeadersDefaults", "CIP0002", Web("""
            static class RequestIp
            {
                private static readonly string ForwardedFor = ForwardedHeadersDefaults.XForwardedForHeaderName;

                public static string Chain(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[ForwardedFor]|}.ToString();
            }
            """)),

        new AnalyzerCase("A server-variable spelling used as a header name", "CIP0002", Web("""
            static class RequestIp
            {
                public static string Find(HttpRequest request) => {|CIP0002:request.Headers["HTTP_X_CLUSTER_CLIENT_IP"]|}.ToString();
            }
            """)),

        // ---- LINQ over the header dictionary, and copies of it ----
        new AnalyzerCase("LINQ picking the header entry by key", "CIP0002", Web("""
            static class RequestIp
            {
                public static string Find(HttpContext ctx) =>
                    {|CIP0002:ctx.Request.Headers.FirstOrDefault(h => h.Key == "X-Real-IP")|}.Value.ToString();
            }
            """)),

        new AnalyzerCase("LINQ picking the entry by a case-insensitive key comparison, then the leftmost address", "CIP0003", Web("""
            static class RequestIp
            {
                public static string? Find(HttpRequest request)
                {
                    var entry = request.Headers.SingleOrDefault(h => string.Equals(h.Key, "x-forwarded-for", StringComparison.OrdinalIgnoreCase));
                    return {|CIP0003:entry.Value.FirstOrDefault()|};
                }
            }
            """)),

        new AnalyzerCase("Headers copied with ToDictionary, then looked up", "CIP0003", Web("""
            static class RequestIp
            {
                public static string? Find(HttpContext ctx)
                {
                    var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                    return headers.TryGetValue("X-Forwarded-For", out var xff) ? {|CIP0003:xff.Split(',')[0]|} : null;
                }
            }
            """)),

        new AnalyzerCase("Headers copied in a loop, then indexed", "CIP0002", Web("""
            static class RequestIp
            {
                public static string Find(HttpContext ctx)
                {
                    var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var header in ctx.Request.Headers)
                    {
                        copy[header.Key] = header.Value.ToString();
                    }

                    return {|CIP0002:copy["CF-Connecting-IP"]|};
                }
            }
            """)),

        // ---- a helper that reads a header by a string parameter: reported at the call ----
        new AnalyzerCase("GetHeaderValueAs<T>(headerName) helper called with X-Forwarded-For", "CIP0002", Web("""
            static class IpUtils
            {
                public static string? RequestIp(HttpContext context)
                {
                    var forwarded = {|CIP0002:GetHeaderValueAs<string>(context, "X-Forwarded-For")|}.SplitCsv().FirstOrDefault();
                    return string.IsNullOrEmpty(forwarded) ? null : forwarded;
                }

                private static T? GetHeaderValueAs<T>(HttpContext httpContext, string headerName)
                {
                    if (httpContext?.Request?.Headers?.TryGetValue(headerName, out var values) ?? false)
                    {
                        var rawValues = values.ToString();
                        if (!string.IsNullOrEmpty(rawValues))
                        {
                            return (T)Convert.ChangeType(rawValues, typeof(T));
                        }
                    }

                    return default;
                }

                private static List<string> SplitCsv(this string? csvList) =>
                    string.IsNullOrWhiteSpace(csvList) ? new List<string>() : csvList.TrimEnd(',').Split(',').Select(s => s.Trim()).ToList();
            }
            """)),

        new AnalyzerCase("An extension helper discarding TryGetValue's bool, called with a constant", "CIP0002", Web("""
            static class Names
            {
                public const string Cloudflare = "CF-Connecting-IP";
            }

            static class RequestExtensions
            {
                public static string GetHeader(this HttpRequest request, string key)
                {
                    request.Headers.TryGetValue(key, out StringValues value);
                    return value.ToString();
                }
            }

            static class Votes
            {
                public static string Voter(HttpRequest request) => {|CIP0002:request.GetHeader(Names.Cloudflare)|};
            }
            """)),

        new AnalyzerCase("A helper called with a const local naming the header", "CIP0002", Web("""
            static class Uploads
            {
                private static string? Header(HttpContext context, string name) => context.Request.Headers[name];

                public static string? Owner(HttpContext context)
                {
                    const string realIp = "X-Real-IP";
                    return {|CIP0002:Header(context, realIp)|};
                }
            }
            """)),

        new AnalyzerCase("A helper that takes the leftmost entry itself: CIP0003 at the call", "CIP0003", Web("""
            static class RequestIp
            {
                private static string FirstOf(HttpRequest request, string name) => request.Headers[name].ToString().Split(',')[0].Trim();

                public static string Client(HttpRequest request) => {|CIP0003:FirstOf(request, "X-Forwarded-For")|};
            }
            """)),

        // ---- gRPC ----
        new AnalyzerCase("gRPC: x-real-ip, then the leftmost x-forwarded-for, else the peer (the fallback is not reported)", "CIP0002", """
            using System;
            using Grpc.Core;

            class LimitedService
            {
                public string Client(ServerCallContext context)
                {
                    var realIp = {|CIP0002:context.RequestHeaders.GetValue("x-real-ip")|};
                    if (!string.IsNullOrWhiteSpace(realIp))
                        return realIp.Trim();

                    var forwardedFor = context.RequestHeaders.GetValue("x-forwarded-for");
                    if (!string.IsNullOrWhiteSpace(forwardedFor))
                        return {|CIP0003:forwardedFor.Split(',', 2)[0]|}.Trim();

                    var peer = context.Peer;
                    return peer.Substring(0, peer.LastIndexOf(':'));
                }
            }
            """ + GrpcStub),

        new AnalyzerCase("gRPC: the caller's peer as a rate-limit key", "CIP0001", """
            using System.Collections.Concurrent;
            using Grpc.Core;

            class QuotaService
            {
                private readonly ConcurrentDictionary<string, int> _calls = new();

                public bool Allow(ServerCallContext context) => _calls.AddOrUpdate({|CIP0001:context.Peer|}, 1, (_, n) => n + 1) <= 100;
            }
            """ + GrpcStub),

        new AnalyzerCase("gRPC: a metadata entry and LINQ over the request headers by key", "CIP0002", """
            using System.Linq;
            using Grpc.Core;

            class AuditService
            {
                public string? Client(ServerCallContext context) =>
                    {|CIP0002:context.RequestHeaders.Get("x-client-ip")|}?.Value ??
                    {|CIP0002:context.RequestHeaders.FirstOrDefault(e => e.Key == "cf-connecting-ip")|}?.Value;
            }
            """ + GrpcStub),

        // ---- server variables ----
        new AnalyzerCase("GetServerVariable for the forwarded chain, rightmost entry", "CIP0002", Web("""
            static class IisClient
            {
                public static string? Find(HttpContext ctx) =>
                    {|CIP0002:ctx.GetServerVariable("HTTP_X_FORWARDED_FOR")|}?.Split(',').Last().Trim();
            }
            """)),

        new AnalyzerCase("GetServerVariable(\"REMOTE_ADDR\") as an allow-list key", "CIP0001", Web("""
            static class IisAllowList
            {
                private static readonly HashSet<string> Allowed = new() { "198.51.100.7" };

                public static bool IsAllowed(HttpContext ctx) => Allowed.Contains({|CIP0001:ctx.GetServerVariable("REMOTE_ADDR")|} ?? "");
            }
            """)),

        new AnalyzerCase("IServerVariablesFeature for REMOTE_ADDR used as a key", "CIP0001", Web("""
            static class IisClient
            {
                public static string Key(HttpContext ctx) =>
                    "visits:" + {|CIP0001:ctx.Features.Get<IServerVariablesFeature>()?["REMOTE_ADDR"]|};
            }
            """)),

        new AnalyzerCase("Classic ASP.NET REMOTE_ADDR server variable as an allow-list key (System.Web stub)", "CIP0001", """
            static class LegacyAllowList
            {
                public static bool IsOffice(System.Web.HttpRequest request) => {|CIP0001:request.ServerVariables["REMOTE_ADDR"]|} == "203.0.113.10";
            }
            """ + SystemWebStub, Fixable: false),

        // ---- typed header parsing ----
        new AnalyzerCase("HeaderParsing: CommonHeaders.XForwardedFor read with TryGetHeaderValue, leftmost address", "CIP0003", Web("""
            using Microsoft.AspNetCore.HeaderParsing;

            sealed class ClientAddress
            {
                private readonly HeaderKey<IReadOnlyList<IPAddress>> _forwardedFor;

                public ClientAddress(IHeaderRegistry registry) => _forwardedFor = registry.Register(CommonHeaders.XForwardedFor);

                public IPAddress? Of(HttpRequest request) =>
                    request.TryGetHeaderValue(_forwardedFor, out var addresses) ? {|CIP0003:addresses[0]|} : null;
            }
            """) + HeaderParsingStub),

        new AnalyzerCase("HeaderParsing through the feature, every address", "CIP0002", Web("""
            using Microsoft.AspNetCore.HeaderParsing;

            static class ClientAddress
            {
                private static HeaderKey<IReadOnlyList<IPAddress>>? _key;

                public static void Init(IHeaderRegistry registry) => _key = registry.Register(CommonHeaders.XForwardedFor);

                public static string Chain(HeaderParsingFeature feature) =>
                    {|CIP0002:feature.TryGetHeaderValue(_key!, out var addresses)|} ? string.Join(",", addresses) : "";
            }
            """) + HeaderParsingStub, Fixable: false),
    };

    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        new AnalyzerCase("A loop over names that carry no client address", null, Web("""
            static class Negotiation
            {
                private static readonly string[] Names = { "Accept-Language", "User-Agent" };

                public static string Describe(HttpRequest request) =>
                    string.Join(";", Names.Select(n => request.Headers[n].ToString()));
            }
            """)),

        new AnalyzerCase("LINQ presence checks over the headers", null, Web("""
            static class Detect
            {
                public static bool BehindProxy(HttpRequest request) =>
                    request.Headers.Any(h => h.Key == "X-Forwarded-For") ||
                    request.Headers.Count(h => string.Equals(h.Key, "X-Real-IP", StringComparison.OrdinalIgnoreCase)) > 0;
            }
            """)),

        new AnalyzerCase("A dictionary that is not a copy of the request headers (an access-log parser)", null, Web("""
            static class AccessLog
            {
                public static string? Client(Dictionary<string, string> fields) =>
                    fields.TryGetValue("X-Forwarded-For", out var chain) ? chain.Split(',')[0] : fields["X-Real-IP"];
            }
            """)),

        new AnalyzerCase("A copy of the response headers", null, Web("""
            static class Echo
            {
                public static string? Sent(HttpContext ctx)
                {
                    var sent = ctx.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
                    return sent["X-Real-IP"];
                }
            }
            """)),

        new AnalyzerCase("Helpers that only test presence, only log, or read behind a trusted-peer check", null, Web("""
            static class Helpers
            {
                private static bool Has(HttpContext ctx, string name) => !StringValues.IsNullOrEmpty(ctx.Request.Headers[name]);

                private static void Log(HttpContext ctx, ILogger logger, string name) =>
                    logger.LogDebug("{Name}: {Value}", name, ctx.Request.Headers[name].ToString());

                private static string? FromProxy(HttpContext ctx, string name) =>
                    IPAddress.IsLoopback(ctx.Connection.RemoteIpAddress!) ? ctx.Request.Headers[name].ToString() : null;

                public static string? Use(HttpContext ctx, ILogger logger)
                {
                    Log(ctx, logger, "X-Forwarded-For");
                    return Has(ctx, "X-Real-IP") ? FromProxy(ctx, "X-Real-IP") : null;
                }
            }
            """)),

        new AnalyzerCase("A general header helper given an outgoing response", null, """
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Headers;

            static class Upstream
            {
                private static string? Header(HttpHeaders headers, string name) =>
                    headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

                public static string? Echoed(HttpResponseMessage response) => Header(response.Headers, "X-Real-IP");
            }
            """),

        new AnalyzerCase("gRPC metadata a client builds to send, and response trailers", null, """
            using Grpc.Core;

            class Forwarder
            {
                public string? Outgoing(string client)
                {
                    var headers = new Metadata { { "x-forwarded-for", client } };
                    return headers.GetValue("x-forwarded-for");
                }

                public string? Trailer(ServerCallContext context) => context.ResponseTrailers.GetValue("x-real-ip");
            }
            """ + GrpcStub),

        new AnalyzerCase("Other server variables, and a header parsed for another header", null, Web("""
            using Microsoft.AspNetCore.HeaderParsing;

            static class Other
            {
                private static HeaderKey<IReadOnlyList<string>>? _languages;

                public static void Init(IHeaderRegistry registry) => _languages = registry.Register(CommonHeaders.AcceptLanguage);

                public static string Describe(HttpContext ctx) =>
                    ctx.GetServerVariable("SERVER_NAME") + (ctx.Request.TryGetHeaderValue(_languages!, out var languages) ? languages[0] : "");
            }
            """) + HeaderParsingStub),
    };
}
