using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static ClientIp.Analyzers.Tests.CodeFixes.ReadFixVerifier;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// Reads that reach the request some other way than <c>ctx.Request.Headers[...]</c>: through locals and parameters,
/// SignalR and gRPC contexts, model binding, HttpListener; and reads whose value is a rate limiter's partition key.
/// </summary>
public class ReadFormsFixTests
{
    [Fact]
    public async Task HeadersHeldInALocalAreFollowedToTheirContextAndTheLocalGoes()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                public static string Client(HttpContext ctx)
                {
                    var headers = ctx.Request.Headers;
                    var forwarded = {|CIP0003:headers["X-Forwarded-For"].ToString().Split(',')[0]|};
                    return $"client {forwarded}";
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                public static string Client(HttpContext ctx)
                {
                    var forwarded = ctx.GetClientIpAddress()?.ToString();
                    return $"client {forwarded}";
                }
            }
            """);
    }

    [Fact]
    public async Task AConnectionInfoParameterBecomesTheHttpContextAndItsCallersPassTheContext()
    {
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            static class Connections
            {
                public static IPAddress? Client(ConnectionInfo connection) => {|CIP0001:connection.RemoteIpAddress|};

                public static string Describe(HttpContext ctx) => $"{Client(ctx.Connection)} on port {ctx.Connection.LocalPort}";
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Connections
            {
                public static IPAddress? Client(HttpContext context) => context.GetClientIpAddress();

                public static string Describe(HttpContext ctx) => $"{Client(ctx)} on port {ctx.Connection.LocalPort}";
            }
            """);
    }

    [Fact]
    public async Task AHeaderDictionaryParameterBecomesTheHttpContextAndItsOtherUsesKeepTheirHeaders()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class Headers
            {
                public static string Describe(IHeaderDictionary headers) =>
                    $"{{|CIP0003:headers["X-Forwarded-For"].ToString().Split(',')[0]|}} with {headers.UserAgent}";

                public static string Log(HttpRequest request) => Describe(request.Headers);
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Headers
            {
                public static string Describe(HttpContext context) =>
                    $"{context.GetClientIpAddress()?.ToString()} with {context.Request.Headers.UserAgent}";

                public static string Log(HttpRequest request) => Describe(request.HttpContext);
            }
            """);
    }

    [Fact]
    public async Task AHubsConnectionFeatureIsReadThroughTheConnectionsHttpContext()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http.Features;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                public string? Whoami() => {|CIP0001:Context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress?.ToString()|};
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http.Features;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                public string? Whoami() => Context.GetHttpContext()?.GetClientIpAddress()?.ToString();
            }
            """);
    }

    [Fact]
    public async Task NullForgivingOperatorsThatStillApplyAreKept()
    {
        // Dropping the first '!' would add CS8604 (a possibly null HttpContext passed to the resolver): a new warning
        // under -warnaserror.
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.SignalR;

            public class AdminHub : Hub
            {
                public bool IsLocal() => IPAddress.IsLoopback({|CIP0001:Context.GetHttpContext()!.Connection.RemoteIpAddress|}!);
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.SignalR;

            public class AdminHub : Hub
            {
                public bool IsLocal() => IPAddress.IsLoopback(Context.GetHttpContext()!.GetClientIpAddress()!);
            }
            """);
    }

    [Fact]
    public async Task AGrpcServiceUsesTheCallsHttpContext()
    {
        await new Test
        {
            TestState =
            {
                AdditionalReferences = { GrpcAssembly.Reference },
                Sources =
                {
                    """
                    using System.Threading.Tasks;
                    using Grpc.Core;

                    public class GreeterService
                    {
                        public Task<string> SayHello(string name, ServerCallContext context) =>
                            Task.FromResult($"Hello {name} from {{|CIP0001:context.GetHttpContext().Connection.RemoteIpAddress|}}");
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Threading.Tasks;
                    using ClientIp;
                    using Grpc.Core;

                    public class GreeterService
                    {
                        public Task<string> SayHello(string name, ServerCallContext context) =>
                            Task.FromResult($"Hello {name} from {context.GetHttpContext().GetClientIpAddress()}");
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AGrpcInterceptorWithoutAnHttpContextInTheReadUsesTheCallContextInScope()
    {
        await new Test
        {
            TestState =
            {
                AdditionalReferences = { GrpcAssembly.Reference },
                Sources =
                {
                    """
                    using System.Net;
                    using Grpc.Core;
                    using Microsoft.AspNetCore.Http;

                    public class AuditInterceptor
                    {
                        public IPAddress? Caller(ServerCallContext context, ConnectionInfo connection) => {|CIP0001:connection.RemoteIpAddress|};
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Net;
                    using ClientIp;
                    using Grpc.Core;
                    using Microsoft.AspNetCore.Http;

                    public class AuditInterceptor
                    {
                        public IPAddress? Caller(ServerCallContext context, ConnectionInfo connection) => context.GetHttpContext().GetClientIpAddress();
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AFromHeaderParameterOfAMinimalApiLambdaBecomesAnHttpContextParameter()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/", ([{|CIP0002:FromHeader(Name = "X-Forwarded-For")|}] string? client) => Results.Text(client ?? "unknown"));
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/", (HttpContext httpContext) => Results.Text(httpContext.GetClientIpAddress()?.ToString() ?? "unknown"));
            }
            """);
    }

    [Fact]
    public async Task AFromHeaderParameterNextToAnHttpContextUsesIt()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/vote", (HttpContext ctx, [{|CIP0002:FromHeader(Name = "X-Forwarded-For")|}] string voter) => Results.Text(voter.Trim()));
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            static class Endpoints
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/vote", (HttpContext ctx) => Results.Text((ctx.GetClientIpAddress()?.ToString() ?? string.Empty).Trim()));
            }
            """);
    }

    [Fact]
    public async Task AFromHeaderParameterOfALocalFunctionMappedAsAMethodGroupGetsAnHttpContextParameter()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;

            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/", Handle);

                    static string Handle([{|CIP0002:FromHeader(Name = "X-Forwarded-For")|}] string? ip) => ip ?? "";
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/", Handle);

                    static string Handle(HttpContext httpContext) => httpContext.GetClientIpAddress()?.ToString() ?? "";
                }
            }
            """);
    }

    [Fact]
    public async Task AFromHeaderParameterOfAControllerActionUsesTheControllersHttpContext()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class VotesController : ControllerBase
            {
                [HttpPost("/vote")]
                public IActionResult Vote([{|CIP0002:FromHeader(Name = "X-Forwarded-For")|}] string voter) => Ok(voter);
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Mvc;

            public class VotesController : ControllerBase
            {
                [HttpPost("/vote")]
                public IActionResult Vote() => Ok(HttpContext.GetClientIpAddress()?.ToString());
            }
            """);
    }

    [Fact]
    public async Task AnHttpListenerReadOfXForwardedForUsesTheListenerEntryPoint()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Net;

                    static class Listener
                    {
                        public static string? Client(HttpListenerRequest request) => {|CIP0003:request.Headers["X-Forwarded-For"]?.Split(',')[0]|};
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Net;
                    using ClientIp;

                    static class Listener
                    {
                        public static string? Client(HttpListenerRequest request) => request.GetClientIpAddress()?.ToString();
                    }
                    """,
                },
            },
        }.WithTitle("Use HttpListenerRequest.GetClientIpAddress()").RunAsync();
    }

    [Fact]
    public async Task AnHttpListenerRemoteEndPointAddressUsesTheListenerEntryPoint()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Net;

                    static class Listener
                    {
                        public static string Client(HttpListenerContext context) => {|CIP0001:context.Request.RemoteEndPoint|}.Address.ToString();
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Net;
                    using ClientIp;

                    static class Listener
                    {
                        public static string Client(HttpListenerContext context) => (context.Request.GetClientIpAddress() ?? IPAddress.None).ToString();
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AnHttpListenerReadOfAnotherHeaderGetsNoFix()
    {
        // The listener entry point has no configuration to carry X-Real-IP over: the fix would change what the code reads.
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Net;

                    static class Listener
                    {
                        public static string? Client(HttpListenerRequest request) => {|CIP0002:request.Headers["X-Real-IP"]|};
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Net;

                    static class Listener
                    {
                        public static string? Client(HttpListenerRequest request) => {|CIP0002:request.Headers["X-Real-IP"]|};
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Fact]
    public async Task APeerAddressUsedAsARateLimitPartitionKeyBecomesTheResolversPartitionKey()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.RateLimiting;
                    using Microsoft.AspNetCore.Http;

                    static class Limits
                    {
                        public static RateLimitPartition<string> Partition(HttpContext context) =>
                            RateLimitPartition.GetFixedWindowLimiter(
                                {|CIP0001:context.Connection.RemoteIpAddress|}?.ToString() ?? "unknown",
                                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = System.TimeSpan.FromMinutes(1) });
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Threading.RateLimiting;
                    using ClientIp;
                    using Microsoft.AspNetCore.Http;

                    static class Limits
                    {
                        public static RateLimitPartition<string> Partition(HttpContext context) =>
                            RateLimitPartition.GetFixedWindowLimiter(
                                context.GetClientIpPartitionKey(),
                                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = System.TimeSpan.FromMinutes(1) });
                    }
                    """,
                },
            },
        }.WithTitle("Use GetClientIpPartitionKey()").RunAsync();
    }

    [Fact]
    public async Task ANamedPartitionKeyArgumentBecomesTheResolversPartitionKey()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.RateLimiting;
                    using Microsoft.AspNetCore.Http;

                    static class Limits
                    {
                        public static RateLimitPartition<string> Partition(HttpContext context) =>
                            RateLimitPartition.GetFixedWindowLimiter(
                                partitionKey: {|CIP0001:context.Connection.RemoteIpAddress|}?.ToString() ?? "anonymous",
                                factory: _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = System.TimeSpan.FromMinutes(1) });
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Threading.RateLimiting;
                    using ClientIp;
                    using Microsoft.AspNetCore.Http;

                    static class Limits
                    {
                        public static RateLimitPartition<string> Partition(HttpContext context) =>
                            RateLimitPartition.GetFixedWindowLimiter(
                                partitionKey: context.GetClientIpPartitionKey(),
                                factory: _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = System.TimeSpan.FromMinutes(1) });
                    }
                    """,
                },
            },
        }.WithTitle("Use GetClientIpPartitionKey()").RunAsync();
    }

    [Fact]
    public async Task AForwardedForKeyHeldInALocalBecomesThePartitionKey()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.RateLimiting;
                    using Microsoft.AspNetCore.Http;

                    static class Limits
                    {
                        public static RateLimitPartition<string> Partition(HttpContext context)
                        {
                            var key = {|CIP0003:context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|};
                            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions { TokenLimit = 5 });
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
                    using System.Threading.RateLimiting;
                    using ClientIp;
                    using Microsoft.AspNetCore.Http;

                    static class Limits
                    {
                        public static RateLimitPartition<string> Partition(HttpContext context)
                        {
                            var key = context.GetClientIpPartitionKey();
                            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions { TokenLimit = 5 });
                        }
                    }
                    """,
                },
            },
        }.RunAsync();
    }

    [Fact]
    public async Task TheAppsOwnGetClientIpAddressHelperIsRewrittenToCallTheResolverByItsClass()
    {
        // Inside the helper, ctx.GetClientIpAddress() would call the helper itself.
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            public static class HttpContextExtensions
            {
                public static string GetClientIpAddress(this HttpContext context) =>
                    {|CIP0003:context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|};
            }
            """, """
            using Microsoft.AspNetCore.Http;

            public static class HttpContextExtensions
            {
                public static string GetClientIpAddress(this HttpContext context) =>
                    ClientIp.ClientIpHttpContextExtensions.GetClientIpAddress(context)?.ToString() ?? string.Empty;
            }
            """);
    }

    [Fact]
    public async Task TheRightmostEntryIsTheResolvedClient()
    {
        await VerifyFixAsync("""
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                public static string? Client(HttpContext ctx) =>
                    {|CIP0002:ctx.Request.Headers.GetCommaSeparatedValues("X-Forwarded-For")|}.LastOrDefault();
            }
            """, """
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                public static string? Client(HttpContext ctx) =>
                    ctx.GetClientIpAddress()?.ToString();
            }
            """);
    }
}
