using System.Threading.Tasks;
using static ClientIp.Analyzers.Tests.CodeFixes.ReadFixVerifier;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// Fixes for the reads issue 11 taught the analyzers: gRPC metadata and the call's peer, server variables, header
/// entries picked with LINQ, names in fields, and the peer reads a rewritten header idiom leaves behind.
/// </summary>
public class NewReadShapesFixTests
{
    [Fact]
    public async Task AGrpcCallersPeerBecomesTheResolvedClientAsText()
    {
        await new Test
        {
            TestState =
            {
                AdditionalReferences = { GrpcAssembly.Reference },
                Sources =
                {
                    """
                    using System.Collections.Concurrent;
                    using Grpc.Core;

                    class QuotaService
                    {
                        private readonly ConcurrentDictionary<string, int> _calls = new();

                        public bool Allow(ServerCallContext context) => _calls.AddOrUpdate({|CIP0001:context.Peer|}, 1, (_, n) => n + 1) <= 100;
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Collections.Concurrent;
                    using ClientIp;
                    using Grpc.Core;

                    class QuotaService
                    {
                        private readonly ConcurrentDictionary<string, int> _calls = new();

                        public bool Allow(ServerCallContext context) => _calls.AddOrUpdate(context.GetHttpContext().GetClientIpAddress()?.ToString() ?? string.Empty, 1, (_, n) => n + 1) <= 100;
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Theory]
    [InlineData("var peer = {|CIP0001:context.Peer|};\n        var host = peer[..peer.LastIndexOf(':')];\n        return Allowed.Contains(host);")]
    [InlineData("return Allowed.Contains({|CIP0001:context.Peer|});")]
    [InlineData("return {|CIP0001:context.Peer|} == \"ipv4:127.0.0.1\";")]
    [InlineData("var peer = {|CIP0001:context.Peer|};\n        return peer.StartsWith(\"ipv4:10.\");")]
    [InlineData("return IsKnown({|CIP0001:context.Peer|});")]
    public async Task NoFixWhereTheCodeDependsOnTheGrpcPeerFormat(string body)
    {
        // The peer is "ipv4:10.0.0.7:52311", the resolved client "10.0.0.7": parsing, comparing or looking it up in a
        // set filled elsewhere would change the decision.
        var source = $$"""
            using System.Collections.Generic;
            using Grpc.Core;

            class AllowList
            {
                private static readonly HashSet<string> Allowed = new() { "ipv4:10.0.0.7" };

                public bool IsAllowed(ServerCallContext context)
                {
                    {{body}}
                }

                private static bool IsKnown(string peer) => peer.Contains("10.0.0.7");
            }
            """;
        await new Test
        {
            TestState = { AdditionalReferences = { GrpcAssembly.Reference }, Sources = { source } },
            FixedState = { Sources = { source } },
        }.RunAsync();
    }

    [Fact]
    public async Task AGrpcPeerFallingBackAfterMetadataIsRewrittenWithTheHeaderRead()
    {
        await new Test
        {
            TestState =
            {
                AdditionalReferences = { GrpcAssembly.Reference },
                Sources =
                {
                    """
                    using System.Collections.Generic;
                    using Grpc.Core;

                    public class QuotaService
                    {
                        private readonly Dictionary<string, int> _used = new();

                        public bool Take(ServerCallContext context)
                        {
                            var ip = {|CIP0002:context.RequestHeaders.GetValue("x-real-ip")|} ?? context.Peer;
                            _used[ip] = _used.TryGetValue(ip, out var n) ? n + 1 : 1;
                            return _used[ip] <= 10;
                        }
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Collections.Generic;
                    using ClientIp;
                    using Grpc.Core;

                    public class QuotaService
                    {
                        private readonly Dictionary<string, int> _used = new();

                        public bool Take(ServerCallContext context)
                        {
                            // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                            var ip = context.GetHttpContext().GetClientIpAddress()?.ToString() ?? string.Empty;
                            _used[ip] = _used.TryGetValue(ip, out var n) ? n + 1 : 1;
                            return _used[ip] <= 10;
                        }
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AGrpcPeerCountedInACollectionTheMethodFillsAndStoredBecomesTheResolvedClient()
    {
        await new Test
        {
            TestState =
            {
                AdditionalReferences = { GrpcAssembly.Reference },
                Sources =
                {
                    """
                    using System.Collections.Generic;
                    using Grpc.Core;

                    class Quota
                    {
                        private readonly Dictionary<string, int> _calls = new();

                        public string LastCaller { get; private set; } = "";

                        public bool Allow(ServerCallContext context)
                        {
                            var peer = {|CIP0001:context.Peer|};
                            LastCaller = peer;
                            _calls.TryGetValue(peer, out var count);
                            _calls[peer] = count + 1;
                            return count < 100;
                        }
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Collections.Generic;
                    using ClientIp;
                    using Grpc.Core;

                    class Quota
                    {
                        private readonly Dictionary<string, int> _calls = new();

                        public string LastCaller { get; private set; } = "";

                        public bool Allow(ServerCallContext context)
                        {
                            var peer = context.GetHttpContext().GetClientIpAddress()?.ToString() ?? string.Empty;
                            LastCaller = peer;
                            _calls.TryGetValue(peer, out var count);
                            _calls[peer] = count + 1;
                            return count < 100;
                        }
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AGrpcHelperOverMetadataAndThePeerBecomesOneCallReadingTheFirstHeader()
    {
        await new Test
        {
            // CIP0003 names the metadata read of an earlier statement as an additional location.
            CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestState =
            {
                AdditionalReferences = { GrpcAssembly.Reference },
                Sources =
                {
                    """
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
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using ClientIp;
                    using Grpc.Core;

                    class LimitedService
                    {
                        // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                        public string Client(ServerCallContext context)
                        {
                            return context.GetHttpContext().GetClientIpAddress()?.ToString() ?? string.Empty;
                        }
                    }
                    """,
                },
            },
        }.WithTitle("Use GetClientIpAddress() (the host must configure AddClientIp to read X-Real-IP; X-Forwarded-For no longer read)").RunAsync();
    }

    [Fact]
    public async Task ARemoteAddrServerVariableBecomesTheResolvedClientAsText()
    {
        await VerifyFixAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Http;

            static class IisAllowList
            {
                private static readonly HashSet<string> Allowed = new() { "198.51.100.7" };

                public static bool IsAllowed(HttpContext ctx) => Allowed.Contains({|CIP0001:ctx.GetServerVariable("REMOTE_ADDR")|} ?? "");
            }
            """, """
            using System.Collections.Generic;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class IisAllowList
            {
                private static readonly HashSet<string> Allowed = new() { "198.51.100.7" };

                public static bool IsAllowed(HttpContext ctx) => Allowed.Contains(ctx.GetClientIpAddress()?.ToString() ?? "");
            }
            """);
    }

    [Fact]
    public async Task TheServerVariablesFeatureIsReadThroughItsContext()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Features;

            static class IisClient
            {
                public static string Key(HttpContext ctx) => "visits:" + {|CIP0001:ctx.Features.Get<IServerVariablesFeature>()?["REMOTE_ADDR"]|};
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Features;

            static class IisClient
            {
                public static string Key(HttpContext ctx) => "visits:" + ctx.GetClientIpAddress()?.ToString();
            }
            """);
    }

    [Fact]
    public async Task TheForwardedChainAsAServerVariableBecomesTheResolvedClient()
    {
        await VerifyFixAsync("""
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            static class IisClient
            {
                public static string? Find(HttpContext ctx) =>
                    {|CIP0002:ctx.GetServerVariable("HTTP_X_FORWARDED_FOR")|}?.Split(',').Last().Trim();
            }
            """, """
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class IisClient
            {
                public static string? Find(HttpContext ctx) =>
                    ctx.GetClientIpAddress()?.ToString();
            }
            """);
    }

    [Fact]
    public async Task AGrpcMetadataReadBecomesTheCallsResolvedClientReadingThatHeader()
    {
        await new Test
        {
            TestState =
            {
                AdditionalReferences = { GrpcAssembly.Reference },
                Sources =
                {
                    """
                    using Grpc.Core;

                    class AuditService
                    {
                        public string Caller(ServerCallContext context) => $"caller {{|CIP0002:context.RequestHeaders.GetValue("x-real-ip")|}}";
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using ClientIp;
                    using Grpc.Core;

                    class AuditService
                    {
                        // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                        public string Caller(ServerCallContext context) => $"caller {context.GetHttpContext().GetClientIpAddress()?.ToString()}";
                    }
                    """,
                },
            },
        }.WithTitle("Use GetClientIpAddress() (the host must configure AddClientIp to read X-Real-IP)").RunAsync();
    }

    [Fact]
    public async Task AHeaderEntryPickedWithLinqBecomesTheResolvedClient()
    {
        await VerifyFixAsync("""
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            static class RequestIp
            {
                public static string Find(HttpContext ctx) =>
                    {|CIP0002:ctx.Request.Headers.FirstOrDefault(h => h.Key == "X-Forwarded-For")|}.Value.ToString();
            }
            """, """
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class RequestIp
            {
                public static string Find(HttpContext ctx) =>
                    ctx.GetClientIpAddress()?.ToString() ?? string.Empty;
            }
            """);
    }

    [Fact]
    public async Task AFieldLeftHoldingOnlyTheHeaderNameGoesToo()
    {
        // Unused, it would warn (CS0414): an error under -warnaserror.
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                private static readonly string ClientHeader = "X-Forwarded-For";

                public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers[ClientHeader]|}.ToString();
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                public static string Client(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString() ?? string.Empty;
            }
            """);
    }

    [Fact]
    public async Task AHandWrittenResolverWithTheWrongBranchBecomesTheResolver()
    {
        // Its peer reads were part of it; once the header read goes they would be CIP0001, so the whole body goes.
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            static class Resolver
            {
                public static string? Client(HttpContext ctx)
                {
                    var peer = ctx.Connection.RemoteIpAddress;
                    if (peer is not null && IPAddress.IsLoopback(peer))
                    {
                        return peer.ToString();
                    }

                    return {|CIP0002:ctx.Request.Headers["X-Forwarded-For"]|};
                }
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Resolver
            {
                public static string? Client(HttpContext ctx)
                {
                    return ctx.GetClientIpAddress()?.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task AHelperLoopingOverHeaderNamesThenThePeerBecomesOneReturn()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class RequestIp
            {
                private static readonly string[] ClientIpHeaders = { "X-Forwarded-For", "X-Real-IP" };

                public static string? Actual(HttpRequest request)
                {
                    foreach (var header in ClientIpHeaders)
                    {
                        if ({|CIP0002:request.Headers[header]|}.ToString() is { Length: > 0 } ip)
                        {
                            return ip;
                        }
                    }

                    return request.HttpContext.Connection.RemoteIpAddress?.ToString();
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class RequestIp
            {
                public static string? Actual(HttpRequest request)
                {
                    return request.HttpContext.GetClientIpAddress()?.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task AStringValuesAPatternAsksAboutGetsNoFix()
    {
        // { Count: > 0 } asks the StringValues; the resolver's text has no Count.
        await VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class Cloudflare
            {
                public static string? Client(HttpContext ctx) =>
                    {|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|} is { Count: > 0 } cf ? cf.ToString() : null;
            }
            """);
    }
}
