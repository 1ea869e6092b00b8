using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>
/// Issue 11, family 4: quiet where nothing is decided. Log scopes (a dictionary, a list of key/value pairs, an anonymous
/// object or a tuple given to BeginScope), LoggerMessage methods and delegates, trace tags, and the arguments of test
/// assertions. A test project is not quiet as a whole: the code under test compiled with it is still reported.
/// </summary>
public static class QuietUseCases
{
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        new AnalyzerCase("Code under test in a test project is reported; only the assertion is quiet", "CIP0001", Web("""
            static class Throttle
            {
                private static readonly Dictionary<string, int> Hits = new();

                public static bool Allow(HttpContext ctx)
                {
                    var key = {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString() ?? "";
                    Hits[key] = Hits.TryGetValue(key, out var n) ? n + 1 : 1;
                    return Hits[key] <= 10;
                }
            }

            public class ThrottleTests
            {
                public void SecondPeerIsCountedApart()
                {
                    var ctx = new DefaultHttpContext();
                    ctx.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
                    Xunit.Assert.True(Throttle.Allow(ctx));
                    Xunit.Assert.Equal(IPAddress.Parse("192.0.2.1"), ctx.Connection.RemoteIpAddress);
                }
            }
            """) + AssertionStubs),

        new AnalyzerCase("A dictionary of the client address handed to an audit store, not to a log scope", "CIP0002", Web("""
            interface IAuditStore { void Record(IDictionary<string, object?> entry); }

            static class Audit
            {
                public static void Login(HttpContext ctx, IAuditStore store, string user) =>
                    store.Record(new Dictionary<string, object?> { ["user"] = user, ["ip"] = {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString() });
            }
            """)),

        new AnalyzerCase("Logged in a scope and also used as a rate-limit key", "CIP0003", Web("""
            static class Limits
            {
                private static readonly Dictionary<string, int> Hits = new();

                public static bool Allow(HttpContext ctx, ILogger logger)
                {
                    var client = {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|};
                    using (logger.BeginScope(new Dictionary<string, object> { ["ClientIp"] = client }))
                    {
                        Hits[client] = Hits.TryGetValue(client, out var n) ? n + 1 : 1;
                        return Hits[client] < 100;
                    }
                }
            }
            """)),
    };

    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        new AnalyzerCase("Log scopes: a dictionary, key/value pairs, an anonymous object, a tuple", null, Web("""
            static class Scopes
            {
                public static IDisposable? Dictionary(HttpContext ctx, ILogger logger) =>
                    logger.BeginScope(new Dictionary<string, object?> { ["ClientIp"] = ctx.Connection.RemoteIpAddress });

                public static IDisposable? Pairs(HttpContext ctx, ILogger logger) =>
                    logger.BeginScope(new List<KeyValuePair<string, object>> { new("XRealIp", ctx.Request.Headers["X-Real-IP"].ToString()) });

                public static IDisposable? Anonymous(HttpContext ctx, ILogger logger) =>
                    logger.BeginScope(new { Forwarded = ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0] });

                public static IDisposable? Tuple(HttpContext ctx, ILogger logger) =>
                    logger.BeginScope(("CfConnectingIp", ctx.Request.Headers["CF-Connecting-IP"].ToString()));

                public static IDisposable? Local(HttpContext ctx, ILogger logger)
                {
                    var state = new Dictionary<string, object> { { "Peer", ctx.Connection.RemoteIpAddress?.ToString() ?? "" } };
                    return logger.BeginScope(state);
                }
            }
            """)),

        new AnalyzerCase("LoggerMessage methods and delegates", null, Web("""
            static partial class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Request from {Ip}")]
                static partial void RequestFrom(ILogger logger, string ip);

                private static readonly Action<ILogger, string, Exception?> Forwarded =
                    LoggerMessage.Define<string>(LogLevel.Debug, new EventId(2), "Forwarded for {Chain}");

                public static void Trace(HttpContext ctx, ILogger logger)
                {
                    RequestFrom(logger, ctx.Connection.RemoteIpAddress?.ToString() ?? "");
                    Forwarded(logger, ctx.Request.Headers["X-Forwarded-For"].ToString(), null);
                }
            }
            """)),

        new AnalyzerCase("Trace tags and baggage", null, Web("""
            static class Telemetry
            {
                public static void Tag(HttpContext ctx)
                {
                    System.Diagnostics.Activity.Current?.SetTag("client.address", ctx.Connection.RemoteIpAddress?.ToString());
                    System.Diagnostics.Activity.Current?.AddTag("http.x_forwarded_for", ctx.Request.Headers["X-Forwarded-For"].ToString());
                    System.Diagnostics.Activity.Current?.SetBaggage("real_ip", ctx.Request.Headers["X-Real-IP"].ToString());
                }
            }
            """)),

        new AnalyzerCase("Assertions of xunit, NUnit, MSTest, FluentAssertions and Shouldly", null, Web("""
            using FluentAssertions;
            using Shouldly;

            public class ForwardingTests
            {
                public void Peer(HttpContext ctx)
                {
                    Xunit.Assert.Equal(IPAddress.Parse("203.0.113.9"), ctx.Connection.RemoteIpAddress);
                    NUnit.Framework.Assert.That(ctx.Request.Headers["X-Forwarded-For"].ToString(), NUnit.Framework.Is.EqualTo("203.0.113.9"));
                    Microsoft.VisualStudio.TestTools.UnitTesting.Assert.AreEqual("203.0.113.9", ctx.Request.Headers["X-Real-IP"].ToString());
                }

                public void Fluent(HttpContext ctx)
                {
                    ctx.Connection.RemoteIpAddress?.ToString().Should().Be("203.0.113.9");
                    ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].ShouldBe("203.0.113.9");
                }

                public void ValueOnlyAsserted(HttpContext ctx)
                {
                    var forwarded = ctx.Request.Headers["CF-Connecting-IP"].ToString();
                    Xunit.Assert.Equal("203.0.113.9", forwarded);
                }
            }
            """) + AssertionStubs),
    };
}
