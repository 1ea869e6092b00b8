using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static ClientIp.Analyzers.Tests.CodeFixes.ReadFixVerifier;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// CIP0002 and CIP0003: the whole derivation of an address from a client-IP header becomes one resolver call that
/// gives the same kind of value (text or IPAddress).
/// </summary>
public class HeaderReadFixTests
{
    [Fact]
    public async Task StringFromTheHeaderBecomesNullableTextFromTheResolver()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class UploadsController : ControllerBase
            {
                public IActionResult Get()
                {
                    string ip = {|CIP0002:Request.Headers["X-Forwarded-For"]|};
                    return Content(ip ?? "unknown");
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Mvc;

            public class UploadsController : ControllerBase
            {
                public IActionResult Get()
                {
                    string? ip = HttpContext.GetClientIpAddress()?.ToString();
                    return Content(ip ?? "unknown");
                }
            }
            """);
    }

    [Fact]
    public async Task LeftmostEntryTrimmedBecomesTheResolvedAddressAsText()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class LimitsController : ControllerBase
            {
                public string Get() => "limited as " + {|CIP0003:Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|}.Trim();
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Mvc;

            public class LimitsController : ControllerBase
            {
                public string Get() => "limited as " + HttpContext.GetClientIpAddress()?.ToString();
            }
            """);
    }

    [Fact]
    public async Task ParsedHeaderBecomesTheResolvedIPAddress()
    {
        await VerifyFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Mvc;

            public class AuditController : ControllerBase
            {
                public bool IsLocal()
                {
                    IPAddress ip = IPAddress.Parse({|CIP0002:Request.Headers["X-Real-IP"]|}!);
                    return IPAddress.IsLoopback(ip);
                }
            }
            """, """
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Mvc;

            public class AuditController : ControllerBase
            {
                public bool IsLocal()
                {
                    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                    IPAddress ip = HttpContext.GetClientIpAddress() ?? IPAddress.None;
                    return IPAddress.IsLoopback(ip);
                }
            }
            """);
    }

    [Fact]
    public async Task CoalesceFallbackToThePeerCollapsesIntoOneCall()
    {
        await VerifyFixAsync("""
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Whoami(HttpContext ctx)
                {
                    string? ip = {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString();
                    return $"hello {ip}";
                }
            }
            """, """
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Whoami(HttpContext ctx)
                {
                    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                    string? ip = ctx.GetClientIpAddress()?.ToString();
                    return $"hello {ip}";
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalWithIsNullOrEmptyCollapsesIntoOneCall()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            class Endpoints
            {
                string? Whoami(HttpContext ctx)
                {
                    var realIp = {|CIP0002:ctx.Request.Headers["X-Real-IP"]|};
                    return StringValues.IsNullOrEmpty(realIp) ? ctx.Connection.RemoteIpAddress?.ToString() : realIp.ToString();
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            class Endpoints
            {
                // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                string? Whoami(HttpContext ctx)
                {
                    return ctx.GetClientIpAddress()?.ToString();
                }
            }
            """);
    }

    [Theory]
    [InlineData("CIP0002", "_accessor.HttpContext?.Request.Headers[\"X-Forwarded-For\"].ToString()")]
    [InlineData("CIP0003", "_accessor.HttpContext?.Request.Headers[\"X-Forwarded-For\"].FirstOrDefault()")]
    [InlineData("CIP0002", "_accessor.HttpContext?.Request?.Headers[\"X-Real-IP\"].ToString()")]
    public async Task AReadThroughANullConditionalRequestKeepsTheNullConditional(string id, string read)
    {
        var source = """
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            public class CommentService
            {
                private readonly IHttpContextAccessor _accessor;

                public CommentService(IHttpContextAccessor accessor) => _accessor = accessor;

                public string? Author() => READ;
            }
            """;
        var fixedSource = source.Replace("using System.Linq;", "using System.Linq;\nusing ClientIp;")
            .Replace("READ", "_accessor.HttpContext?.GetClientIpAddress()?.ToString()");
        if (read.Contains("X-Real-IP"))
        {
            fixedSource = fixedSource.Replace("    public string? Author()", "    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = \"X-Real-IP\").\n    public string? Author()");
        }

        await VerifyFixAsync(source.Replace("READ", "{|" + id + ":" + read + "|}"), fixedSource);
    }

    [Fact]
    public async Task AHelperTryingAListOfHeaderNamesThenThePeerBecomesOneReturnReadingTheFirst()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            public static class RealIp
            {
                private static readonly string[] CandidateHeaders = { "CF-Connecting-IP", "X-Real-IP", "X-Client-IP" };

                public static string? Get(HttpContext context)
                {
                    foreach (var header in CandidateHeaders)
                    {
                        if ({|CIP0002:context.Request.Headers.TryGetValue(header, out var value)|} && !StringValues.IsNullOrEmpty(value))
                        {
                            return value.ToString();
                        }
                    }

                    return context.Connection.RemoteIpAddress?.ToString();
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            public static class RealIp
            {
                // ClientIp: this code read CF-Connecting-IP; the host must call AddClientIp(o => o.ForwardedHeader = "CF-Connecting-IP").
                public static string? Get(HttpContext context)
                {
                    return context.GetClientIpAddress()?.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task AHeaderParsedElseThePeerBecomesOneDeclaration()
    {
        await VerifyFixAsync("""
            using System.Net;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class IpRateLimitingMiddleware
            {
                private readonly RequestDelegate _next;

                public IpRateLimitingMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    // the X-Real-IP header, else the remote address
                    if (!IPAddress.TryParse({|CIP0002:context.Request.Headers["X-Real-IP"]|}, out var ipAddress))
                    {
                        ipAddress = context.Connection.RemoteIpAddress;
                    }

                    context.Items["client"] = ipAddress;
                    return _next(context);
                }
            }
            """, """
            using System.Net;
            using System.Threading.Tasks;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            public class IpRateLimitingMiddleware
            {
                private readonly RequestDelegate _next;

                public IpRateLimitingMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    // the X-Real-IP header, else the remote address
                    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                    var ipAddress = context.GetClientIpAddress();

                    context.Items["client"] = ipAddress;
                    return _next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task AnActionFilterReadingTheHeaderThroughItsContextReadsTheResolvedClient()
    {
        await VerifyFixAsync("""
            using System;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public class SafelistFilter : ActionFilterAttribute
            {
                private readonly string[] _allowed = Array.Empty<string>();

                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    string? callers = {|CIP0002:context.HttpContext.Request.Headers["X-Forwarded-For"]|}.ToString();
                    if (string.IsNullOrWhiteSpace(callers) || !_allowed.Contains(callers.Trim()))
                    {
                        context.Result = new ForbidResult();
                    }
                }
            }
            """, """
            using System;
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public class SafelistFilter : ActionFilterAttribute
            {
                private readonly string[] _allowed = Array.Empty<string>();

                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    string? callers = context.HttpContext.GetClientIpAddress()?.ToString();
                    if (string.IsNullOrWhiteSpace(callers) || !_allowed.Contains(callers.Trim()))
                    {
                        context.Result = new ForbidResult();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TryGetValueWithElseCollapsesIntoOneAssignment()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Whoami(HttpContext ctx)
                {
                    string? ip;
                    if ({|CIP0002:ctx.Request.Headers.TryGetValue("X-Real-IP", out var values)|})
                    {
                        ip = values.ToString();
                    }
                    else
                    {
                        ip = ctx.Connection.RemoteIpAddress?.ToString();
                    }

                    return $"hello {ip}";
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Whoami(HttpContext ctx)
                {
                    string? ip;
                    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                    ip = ctx.GetClientIpAddress()?.ToString();

                    return $"hello {ip}";
                }
            }
            """);
    }

    [Fact]
    public async Task APeerDefaultThatAParsedHeaderOverridesCollapsesIntoTheDefault()
    {
        await VerifyFixAsync("""
            using System.Collections.Generic;
            using System.Net;
            using Microsoft.AspNetCore.Http;

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
            """, """
            using System.Collections.Generic;
            using System.Net;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Binding
            {
                public static bool Allowed(HttpContext ctx, ISet<IPAddress> bound)
                {
                    IPAddress client = ctx.GetClientIpAddress()!;

                    return bound.Contains(client);
                }
            }
            """);
    }

    [Fact]
    public async Task NoFixWhenTheOverridingHeaderValueIsStillUsedAfterwards()
    {
        // Removing the override would leave the later use of "forwarded" without its declaration.
        await VerifyNoFixAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Http;

            static class Binding
            {
                public static string Describe(HttpContext ctx)
                {
                    IPAddress? client = ctx.Connection.RemoteIpAddress;
                    if ({|CIP0002:ctx.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded)|})
                    {
                        if (IPAddress.TryParse(forwarded, out var parsed))
                        {
                            client = parsed;
                        }
                    }

                    return $"{client} (forwarded: {forwarded})";
                }
            }
            """);
    }

    [Fact]
    public async Task AHeaderTheNextStatementReplacesWithThePeerWhenEmptyCollapsesIntoTheDeclaration()
    {
        await VerifyFixAsync("""
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public class HomeController : Controller
            {
                public IActionResult Index()
                {
                    var ip = {|CIP0003:HttpContext.Request.Headers["X-Forwarded-For"].FirstOrDefault()|};
                    if (string.IsNullOrEmpty(ip)) ip = HttpContext.Connection.RemoteIpAddress?.ToString();
                    ViewBag.Ip = ip;
                    return View();
                }
            }
            """, """
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Mvc;

            public class HomeController : Controller
            {
                public IActionResult Index()
                {
                    var ip = HttpContext.GetClientIpAddress()?.ToString();
                    ViewBag.Ip = ip;
                    return View();
                }
            }
            """);
    }

    [Fact]
    public async Task AChainEndingInThePeersTextOrADefaultKeepsTheDefault()
    {
        await VerifyFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public interface IVoteStore { Task Add(string voter); }

            static class Votes
            {
                public static void Map(WebApplication app) => app.MapPost("/vote", async (HttpContext ctx, IVoteStore store) =>
                {
                    var voter = {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].FirstOrDefault()|} ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "anon";
                    await store.Add(voter);
                    return Results.Ok();
                });
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;
            using ClientIp;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public interface IVoteStore { Task Add(string voter); }

            static class Votes
            {
                public static void Map(WebApplication app) => app.MapPost("/vote", async (HttpContext ctx, IVoteStore store) =>
                {
                    var voter = ctx.GetClientIpAddress()?.ToString() ?? "anon";
                    await store.Add(voter);
                    return Results.Ok();
                });
            }
            """);
    }

    [Fact]
    public async Task TheLeftmostEntryReDerivedIntoTheHeadersLocalIsFixedAtTheHeaderRead()
    {
        // Fixing only "ip.Split(',')[0]" would leave the header read feeding ip (reported next); the fix goes to the
        // read, with the peer fallback after it, and the re-derivation (a no-op on one address) goes.
        await new Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = """
                using System.Net.Http;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Http;

                public class GeoService
                {
                    public async Task<string> Lookup(HttpContext ctx, HttpClient http)
                    {
                        var ip = ctx.Request.Headers["X-Forwarded-For"].ToString();
                        if (string.IsNullOrWhiteSpace(ip)) ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "";
                        if (ip.Contains(',')) ip = {|CIP0003:ip.Split(',')[0]|}.Trim();
                        return await http.GetStringAsync($"https://geo.example/{ip}");
                    }
                }
                """,
            FixedCode = """
                using System.Net.Http;
                using System.Threading.Tasks;
                using ClientIp;
                using Microsoft.AspNetCore.Http;

                public class GeoService
                {
                    public async Task<string> Lookup(HttpContext ctx, HttpClient http)
                    {
                        var ip = ctx.GetClientIpAddress()?.ToString() ?? "";
                        return await http.GetStringAsync($"https://geo.example/{ip}");
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
        }.RunAsync();
    }

    [Fact]
    public async Task AGuardedReDerivationInABlockGoesWithItsGuard()
    {
        await new Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = """
                using Microsoft.AspNetCore.Mvc;

                public class TrackController : ControllerBase
                {
                    [HttpGet("t")]
                    public IActionResult Track()
                    {
                        var forwarded = Request.Headers["X-Forwarded-For"].ToString();
                        if (forwarded.Length > 0)
                        {
                            forwarded = {|CIP0003:forwarded.Split(',')[0]|};
                        }

                        return Ok(new { client = forwarded });
                    }
                }
                """,
            FixedCode = """
                using ClientIp;
                using Microsoft.AspNetCore.Mvc;

                public class TrackController : ControllerBase
                {
                    [HttpGet("t")]
                    public IActionResult Track()
                    {
                        var forwarded = HttpContext.GetClientIpAddress()?.ToString() ?? string.Empty;

                        return Ok(new { client = forwarded });
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task AnAnonymousObjectMemberTakesTheCoalesceWithoutParentheses()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class SecurityLog
            {
                public static object Entry(HttpContext context, string action) => new
                {
                    Action = action,
                    Client = {|CIP0002:context.Request.Headers["X-Forwarded-For"]|}.ToString(),
                };
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class SecurityLog
            {
                public static object Entry(HttpContext context, string action) => new
                {
                    Action = action,
                    Client = context.GetClientIpAddress()?.ToString() ?? string.Empty,
                };
            }
            """);
    }

    [Fact]
    public async Task ALocalTheCollapsedCallStillUsesStays()
    {
        await VerifyFixAsync("""
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            public class CommentService
            {
                private readonly IHttpContextAccessor _accessor;

                public CommentService(IHttpContextAccessor accessor) => _accessor = accessor;

                public string Author()
                {
                    var ctx = _accessor.HttpContext;
                    var ip = {|CIP0003:ctx?.Request.Headers["X-Forwarded-For"].FirstOrDefault()|} ?? ctx?.Connection.RemoteIpAddress?.ToString();
                    return ip ?? "anonymous";
                }
            }
            """, """
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            public class CommentService
            {
                private readonly IHttpContextAccessor _accessor;

                public CommentService(IHttpContextAccessor accessor) => _accessor = accessor;

                public string Author()
                {
                    var ctx = _accessor.HttpContext;
                    var ip = ctx?.GetClientIpAddress()?.ToString();
                    return ip ?? "anonymous";
                }
            }
            """);
    }

    [Fact]
    public async Task AHelperTryingHeadersInTurnWithALambdaStepBecomesOneReturnReadingTheFirst()
    {
        await new Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = """
                using System.Linq;
                using Microsoft.AspNetCore.Http;

                public static class ClientInfo
                {
                    public static string? GetIp(HttpContext httpContext)
                    {
                        var cf = {|CIP0002:httpContext.Request.Headers["CF-Connecting-IP"]|}.FirstOrDefault();
                        if (!string.IsNullOrWhiteSpace(cf))
                            return cf;

                        var xff = {|CIP0003:httpContext.Request.Headers["X-Forwarded-For"].FirstOrDefault()|};
                        if (!string.IsNullOrWhiteSpace(xff))
                        {
                            var firstIp = xff.Split(',').Select(x => x.Trim()).FirstOrDefault();
                            if (!string.IsNullOrWhiteSpace(firstIp))
                                return firstIp;
                        }

                        return httpContext.Connection.RemoteIpAddress?.ToString();
                    }
                }
                """,
            FixedCode = """
                using System.Linq;
                using ClientIp;
                using Microsoft.AspNetCore.Http;

                public static class ClientInfo
                {
                    // ClientIp: this code read CF-Connecting-IP; the host must call AddClientIp(o => o.ForwardedHeader = "CF-Connecting-IP").
                    public static string? GetIp(HttpContext httpContext)
                    {
                        return httpContext.GetClientIpAddress()?.ToString();
                    }
                }
                """,
        }.WithTitle("Use GetClientIpAddress() (the host must configure AddClientIp to read CF-Connecting-IP; X-Forwarded-For no longer read)").RunAsync();
    }

    [Fact]
    public async Task HelperWhoseBodyOnlyDerivesTheAddressKeepsItsSignature()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class ClientAddress
            {
                // Used by the rate limiter and the audit log.
                public static string GetClientIp(HttpContext context)
                {
                    var forwarded = {|CIP0002:context.Request.Headers["X-Forwarded-For"]|}.ToString();
                    if (string.IsNullOrEmpty(forwarded))
                    {
                        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                    }

                    return forwarded;
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class ClientAddress
            {
                // Used by the rate limiter and the audit log.
                public static string GetClientIp(HttpContext context)
                {
                    return context.GetClientIpAddress()?.ToString() ?? "unknown";
                }
            }
            """);
    }

    [Fact]
    public async Task LeftmostEntryThroughALocalRemovesTheLocal()
    {
        // The analyzer attaches the header read (an earlier statement) as an additional location, which the testing
        // library calls non-local; the fix itself does not use that location.
        await new Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = """
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Limit(HttpContext ctx)
                {
                    var forwardedFor = ctx.Request.Headers["X-Forwarded-For"].ToString();
                    var client = {|CIP0003:forwardedFor.Split(',')[0]|};
                    return $"rate-limited as {client}";
                }
            }
            """,
            FixedCode = """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string Limit(HttpContext ctx)
                {
                    var client = ctx.GetClientIpAddress()?.ToString();
                    return $"rate-limited as {client}";
                }
            }
            """,
        }.RunAsync();
    }

    [Fact]
    public async Task NoFixWhenOnlyTheHeadersAreReachableAndACallerPassesOtherHeaders()
    {
        // The parameter cannot become the HttpContext: one caller has no request behind its headers.
        await VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class Headers
            {
                public static string? RealIp(IHeaderDictionary headers) => {|CIP0002:headers["X-Real-IP"]|};

                public static string? Test() => RealIp(new HeaderDictionary());
            }
            """);
    }

    [Fact]
    public async Task NoFixWhenEveryEntryIsNeeded()
    {
        await VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string[] Chain(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Forwarded-For"]|}.ToString().Split(',');
            }
            """);
    }

    [Fact]
    public async Task NoFixWhenTheResolverIsNotReferenced()
    {
        await VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Http;

            class Endpoints
            {
                string? RealIp(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Real-IP"]|};
            }
            """, withResolver: false);
    }

    [Fact]
    public async Task NonNullableStringReturnKeepsTheEmptyTextItHadBefore()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                public static string RealIp(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString();
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                public static string RealIp(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString() ?? string.Empty;
            }
            """);
    }

    [Fact]
    public async Task NoFixForAFromHeaderModelProperty()
    {
        // The property is bound before any code runs and read wherever the model goes: no one place to rewrite.
        await VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class VoteRequest
            {
                [{|CIP0002:FromHeader(Name = "X-Forwarded-For")|}]
                public string? Voter { get; set; }
            }
            """);
    }

    [Fact]
    public async Task OfferedActionsCarryThePublicEquivalenceKeys()
    {
        var document = FixRunner.CreateDocument("""
            using Microsoft.AspNetCore.Http;

            static class Endpoints
            {
                public static string? A(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString();

                public static string? B(HttpContext ctx) => ctx.Request.Headers["X-Real-IP"];
            }
            """);

        var keys = await FixRunner.OfferedEquivalenceKeysAsync(document);

        // One key for every read fix, so one Fix All pass covers CIP0001, CIP0002 and CIP0003.
        Assert.Equal(new[] { "ClientIp.UseGetClientIpAddress", "ClientIp.UseGetClientIpAddress" }, keys);
        Assert.Equal(ClientIp.CodeFixes.ClientIpReadCodeFixProvider.EquivalenceKey, keys[0]);
    }
}
