using System.Threading.Tasks;
using static ClientIp.Analyzers.Tests.CodeFixes.ReadFixVerifier;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>CIP0001: a read of the peer address becomes GetClientIpAddress() on the HttpContext that owns it.</summary>
public class RemoteAddressFixTests
{
    [Fact]
    public async Task MinimalApiContextParameterCallsTheResolverAndImportsItsNamespace()
    {
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                IPAddress? Peer(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|};
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                IPAddress? Peer(HttpContext ctx) => ctx.GetClientIpAddress();
            }
            """);
    }

    [Fact]
    public async Task ExistingUsingIsNotDuplicatedAndCommentsStay()
    {
        await VerifyFixAsync("""
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Describe(HttpContext ctx)
                {
                    // who is asking
                    var peer = {|CIP0001:ctx.Connection.RemoteIpAddress|}; // the client, hopefully
                    return $"{peer}";
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Describe(HttpContext ctx)
                {
                    // who is asking
                    var peer = ctx.GetClientIpAddress(); // the client, hopefully
                    return $"{peer}";
                }
            }
            """);
    }

    [Fact]
    public async Task UsingGoesInsideTheNamespaceWhenTheFileKeepsItsUsingsThere()
    {
        await VerifyFixAsync("""
            namespace App
            {
                using Microsoft.AspNetCore.Http;

                class Endpoints
                {
                    string? Peer(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString();
                }
            }
            """, """
            namespace App
            {
                using ClientIp;
                using Microsoft.AspNetCore.Http;

                class Endpoints
                {
                    string? Peer(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task ControllerUsesItsHttpContext()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class DownloadsController : ControllerBase
            {
                public string Get() => $"{{|CIP0001:HttpContext.Connection.RemoteIpAddress|}}";
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Mvc;

            public class DownloadsController : ControllerBase
            {
                public string Get() => $"{HttpContext.GetClientIpAddress()}";
            }
            """);
    }

    [Fact]
    public async Task RequestHttpContextIsKept()
    {
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                IPAddress? Peer(HttpRequest request) => {|CIP0001:request.HttpContext.Connection.RemoteIpAddress|};
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                IPAddress? Peer(HttpRequest request) => request.HttpContext.GetClientIpAddress();
            }
            """);
    }

    [Fact]
    public async Task PageModelUsesItsHttpContext()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                public string? Visitor { get; private set; }

                public void OnGet() => Visitor = {|CIP0001:HttpContext.Connection.RemoteIpAddress|}?.ToString();
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                public string? Visitor { get; private set; }

                public void OnGet() => Visitor = HttpContext.GetClientIpAddress()?.ToString();
            }
            """);
    }

    [Fact]
    public async Task HttpContextAccessorKeepsItsNullConditional()
    {
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            class Audit(IHttpContextAccessor accessor)
            {
                IPAddress? Who() => {|CIP0001:accessor.HttpContext?.Connection.RemoteIpAddress|};
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Audit(IHttpContextAccessor accessor)
            {
                IPAddress? Who() => accessor.HttpContext?.GetClientIpAddress();
            }
            """);
    }

    [Fact]
    public async Task HubUsesTheConnectionsHttpContext()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                public string? Whoami() => {|CIP0001:Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString()|};
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                public string? Whoami() => Context.GetHttpContext()?.GetClientIpAddress()?.ToString();
            }
            """);
    }

    [Fact]
    public async Task ConnectionFeatureReadBecomesTheCallOnTheOwningContext()
    {
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Features;

            class Endpoints
            {
                IPAddress? Peer(HttpContext ctx) => {|CIP0001:ctx.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress|};
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Features;

            class Endpoints
            {
                IPAddress? Peer(HttpContext ctx) => ctx.GetClientIpAddress();
            }
            """);
    }

    [Fact]
    public async Task ConnectionHeldInALocalIsFollowedToItsContext()
    {
        // The local only fed the read, so it goes too.
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Describe(HttpContext ctx)
                {
                    var connection = ctx.Connection;
                    var peer = {|CIP0001:connection.RemoteIpAddress|};
                    return $"{peer}";
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Describe(HttpContext ctx)
                {
                    var peer = ctx.GetClientIpAddress();
                    return $"{peer}";
                }
            }
            """);
    }

    [Fact]
    public async Task APropertyPatternOverTheConnectionMatchesTheResolvedAddressInstead()
    {
        await VerifyFixAsync("""
            using System.Collections.Generic;
            using System.Net;
            using Microsoft.AspNetCore.Http;

            static class Allow
            {
                private static readonly HashSet<IPAddress> Office = new() { IPAddress.Parse("203.0.113.10") };

                public static bool IsOffice(HttpContext ctx) =>
                    ctx.Connection is { {|CIP0001:RemoteIpAddress|}: { } remote } && Office.Contains(remote);
            }
            """, """
            using System.Collections.Generic;
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Allow
            {
                private static readonly HashSet<IPAddress> Office = new() { IPAddress.Parse("203.0.113.10") };

                public static bool IsOffice(HttpContext ctx) =>
                    ctx.GetClientIpAddress() is { } remote && Office.Contains(remote);
            }
            """);
    }

    [Fact]
    public async Task NoFixWhenThePatternAlsoLooksAtAnotherPropertyOfTheConnection()
    {
        await VerifyNoFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            static class Allow
            {
                public static bool IsLocalTls(HttpContext ctx) =>
                    ctx.Connection is { {|CIP0001:RemoteIpAddress|}: { } remote, ClientCertificate: not null } && IPAddress.IsLoopback(remote);
            }
            """);
    }

    [Fact]
    public async Task NoFixWhenNoHttpContextIsReachable()
    {
        await VerifyNoFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                IPAddress? Peer(ConnectionInfo connection) => {|CIP0001:connection.RemoteIpAddress|};

                // A caller with a connection that is no request's: the parameter cannot become the HttpContext.
                IPAddress? Describe(ConnectionInfo detached) => Peer(detached);
            }
            """);
    }

    [Fact]
    public async Task NoFixWhenTheResolverIsNotReferenced()
    {
        await VerifyNoFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                IPAddress? Peer(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|};
            }
            """, withResolver: false);
    }

    [Fact]
    public async Task SourceCopyOfTheResolverIsEnough()
    {
        const string resolverCopy = """
            namespace ClientIp
            {
                public static class ClientIpHttpContextExtensions
                {
                    public static System.Net.IPAddress? GetClientIpAddress(this Microsoft.AspNetCore.Http.HttpContext context) => null;
                }
            }
            """;
        var test = new Test(withResolver: false)
        {
            TestState = { Sources = { """
                using System.Net;
                using Microsoft.AspNetCore.Http;

                class Endpoints
                {
                    IPAddress? Peer(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|};
                }
                """, resolverCopy } },
            FixedState = { Sources = { """
                using System.Net;
                using ClientIp;
                using Microsoft.AspNetCore.Http;

                class Endpoints
                {
                    IPAddress? Peer(HttpContext ctx) => ctx.GetClientIpAddress();
                }
                """, resolverCopy } },
        };

        await test.RunAsync();
    }
}
