using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Cases;
using ClientIp.CodeFixes;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// Client-address code written the way application code commonly writes it (helpers, controllers, page models,
/// middleware, filters, hubs, minimal APIs, services over IHttpContextAccessor; nullable on and off), held to what the
/// read fixes promise: every report gets a fix; each fix, applied on its own, changes the code, compiles and leaves
/// fewer read reports; one Fix All pass leaves the file with none, no error and no new kind of warning.
/// </summary>
public class RealisticReadsFixTests
{
    private static readonly string[] ReadIds = { DiagnosticIds.RemoteAddressUsedAsClient, DiagnosticIds.UnguardedClientIpHeaderRead, DiagnosticIds.LeftmostForwardedForEntry };

    private const string MoreUsings = """
        using System.Net.Http;
        using System.Threading.RateLimiting;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.RateLimiting;

        """;

    private static readonly Dictionary<string, string> Snippets = new()
    {
        ["Helper: X-Forwarded-For first value, else the peer"] = """
            public static class IpHelper
            {
                public static string? GetClientIp(HttpContext context)
                {
                    var ip = context.Request.Headers["X-Forwarded-For"].FirstOrDefault();
                    if (string.IsNullOrEmpty(ip))
                        ip = context.Connection.RemoteIpAddress?.ToString();
                    return ip;
                }
            }
            """,

        ["Controller: X-Real-IP converted to string, else the peer, into ViewBag"] = """
            public class HomeController : Controller
            {
                public IActionResult Index()
                {
                    string? ip = HttpContext.Request.Headers["X-Real-IP"];
                    if (string.IsNullOrEmpty(ip)) ip = HttpContext.Connection.RemoteIpAddress?.ToString();
                    ViewBag.Ip = ip;
                    return View();
                }
            }
            """,

        ["Controller: the peer mapped to IPv4 with a suppression"] = """
            public class AccountController : ControllerBase
            {
                [HttpPost("login")]
                public IActionResult Login()
                {
                    var ip = Request.HttpContext.Connection.RemoteIpAddress!.MapToIPv4().ToString();
                    return Ok(ip);
                }
            }
            """,

        ["Middleware: the leftmost X-Forwarded-For entry logged when the header is there"] = """
            public class IpMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly ILogger<IpMiddleware> _logger;
                public IpMiddleware(RequestDelegate next, ILogger<IpMiddleware> logger) { _next = next; _logger = logger; }

                public async Task InvokeAsync(HttpContext context)
                {
                    string ip = "";
                    var forwardedHeader = context.Request.Headers["X-Forwarded-For"];
                    if (!StringValues.IsNullOrEmpty(forwardedHeader))
                        ip = forwardedHeader.First()!.Split(',')[0].Trim();
                    _logger.LogInformation("Request from {Ip}", ip);
                    await _next(context);
                }
            }
            """,

        ["Helper: CF-Connecting-IP through TryGetValue, else the peer or unknown"] = """
            public static class CloudflareIp
            {
                public static string Get(HttpContext context)
                {
                    if (context.Request.Headers.TryGetValue("CF-Connecting-IP", out var cf))
                        return cf.ToString();
                    return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                }
            }
            """,

        ["Controller: the peer unmapped from IPv6 in place"] = """
            public class VisitorController : ControllerBase
            {
                [HttpGet]
                public string Get()
                {
                    var remoteIp = HttpContext.Connection.RemoteIpAddress;
                    if (remoteIp != null && remoteIp.IsIPv4MappedToIPv6)
                        remoteIp = remoteIp.MapToIPv4();
                    return remoteIp?.ToString() ?? "";
                }
            }
            """,

        ["Controller: ContainsKey ? the header : the peer"] = """
            public class TrackController : ControllerBase
            {
                [HttpGet("track")]
                public string Track()
                {
                    string? ip = Request.Headers.ContainsKey("X-Forwarded-For") ? Request.Headers["X-Forwarded-For"].ToString() : HttpContext.Connection.RemoteIpAddress?.ToString();
                    return ip ?? "";
                }
            }
            """,

        ["Service: IHttpContextAccessor with suppressions"] = """
            public class UserService
            {
                private readonly IHttpContextAccessor _httpContextAccessor;
                public UserService(IHttpContextAccessor httpContextAccessor) => _httpContextAccessor = httpContextAccessor;

                public string GetIp() => _httpContextAccessor.HttpContext!.Connection.RemoteIpAddress!.ToString();
            }
            """,

        ["Action filter: the peer against an allow-list"] = """
            public class IpFilter : IActionFilter
            {
                private readonly string[] _allowed = { "10.0.0.1" };
                public void OnActionExecuting(ActionExecutingContext context)
                {
                    var ip = context.HttpContext.Connection.RemoteIpAddress?.ToString();
                    if (ip is null || !_allowed.Contains(ip))
                        context.Result = new ForbidResult();
                }
                public void OnActionExecuted(ActionExecutedContext context) { }
            }
            """,

        ["Rate limiter: the peer or the Host header as the partition key"] = """
            public static class RateLimits
            {
                public static void Add(IServiceCollection services) => services.AddRateLimiter(o =>
                    o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(httpContext =>
                        RateLimitPartition.GetFixedWindowLimiter(
                            partitionKey: httpContext.Connection.RemoteIpAddress?.ToString() ?? httpContext.Request.Headers.Host.ToString(),
                            factory: _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) })));
            }
            """,

        ["Controller: the peer with ::1 mapped to 127.0.0.1"] = """
            public class PingController : ControllerBase
            {
                [HttpGet("ping")]
                public string Ping()
                {
                    string ipAddress = HttpContext.Connection.RemoteIpAddress!.ToString();
                    if (ipAddress == "::1") ipAddress = "127.0.0.1";
                    return ipAddress;
                }
            }
            """,

        ["Helper: leftmost entry with RemoveEmptyEntries and Trim"] = """
            public static class Ip
            {
                public static string? First(HttpContext context) =>
                    context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
            }
            """,

        ["Page model: the header, else the peer, into a property"] = """
            public class LoginModel : PageModel
            {
                public string? ClientIp { get; set; }
                public void OnGet()
                {
                    ClientIp = Request.Headers["X-Forwarded-For"].FirstOrDefault() ?? HttpContext.Connection.RemoteIpAddress?.ToString();
                }
            }
            """,

        ["SignalR hub: the peer on connect"] = """
            public class ChatHub : Hub
            {
                public override Task OnConnectedAsync()
                {
                    var ip = Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();
                    Console.WriteLine($"connected {ip}");
                    return base.OnConnectedAsync();
                }
            }
            """,

        ["Minimal APIs: the peer, X-Real-IP, and a fallback chain ending in a default"] = """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/ip", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
                    app.MapGet("/ip2", (HttpRequest req) => req.Headers["X-Real-IP"].ToString());
                    app.MapPost("/vote", async (HttpContext ctx, IVoteStore store) =>
                    {
                        var voter = ctx.Request.Headers["X-Forwarded-For"].FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "anon";
                        await store.Add(voter);
                        return Results.Ok();
                    });
                }
            }
            public interface IVoteStore { Task Add(string voter); }
            """,

        ["Service: the header, the peer if blank, then the leftmost entry re-derived"] = """
            public class GeoService
            {
                public async Task<string> Lookup(HttpContext ctx, HttpClient http)
                {
                    var ip = ctx.Request.Headers["X-Forwarded-For"].ToString();
                    if (string.IsNullOrWhiteSpace(ip)) ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "";
                    if (ip.Contains(',')) ip = ip.Split(',')[0].Trim();
                    return await http.GetStringAsync($"https://geo.example/{ip}");
                }
            }
            """,

        ["Log entry: the peer and the raw header in an anonymous object"] = """
            public class SecurityLog
            {
                public static object Entry(HttpContext context, string action) => new
                {
                    Action = action,
                    Ip = context.Connection.RemoteIpAddress?.ToString(),
                    Forwarded = context.Request.Headers["X-Forwarded-For"].ToString(),
                };
            }
            """,

        ["Controller: the leftmost entry re-derived under a guard, then the peer if empty"] = """
            public class TrackController : ControllerBase
            {
                private readonly ILogger<TrackController> _logger;
                public TrackController(ILogger<TrackController> logger) => _logger = logger;

                [HttpGet("t")]
                public IActionResult Track()
                {
                    string? ip = Request.Headers["X-Forwarded-For"];
                    if (!string.IsNullOrEmpty(ip) && ip.Contains(','))
                        ip = ip.Split(',')[0].Trim();
                    if (string.IsNullOrEmpty(ip))
                        ip = HttpContext.Connection.RemoteIpAddress?.ToString();
                    _logger.LogInformation("hit from {Ip}", ip);
                    return Ok(ip);
                }
            }
            """,

        ["Controller: the leftmost entry re-derived in a block"] = """
            public class Track2Controller : ControllerBase
            {
                [HttpGet("t2")]
                public IActionResult Track()
                {
                    var forwarded = Request.Headers["X-Forwarded-For"].ToString();
                    if (forwarded.Length > 0)
                    {
                        forwarded = forwarded.Split(',')[0];
                    }
                    return Ok(new { client = forwarded });
                }
            }
            """,

        ["Safelist middleware (nullable disabled): the peer's bytes compared"] = """
            #nullable disable
            public class AdminSafeListMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly ILogger<AdminSafeListMiddleware> _logger;
                private readonly string _safelist;

                public AdminSafeListMiddleware(RequestDelegate next, ILogger<AdminSafeListMiddleware> logger, string safelist)
                { _safelist = safelist; _next = next; _logger = logger; }

                public async Task Invoke(HttpContext context)
                {
                    if (context.Request.Method != HttpMethod.Get.Method)
                    {
                        var remoteIp = context.Connection.RemoteIpAddress;
                        _logger.LogDebug("Request from Remote IP address: {RemoteIp}", remoteIp);
                        string[] ip = _safelist.Split(';');
                        var bytes = remoteIp.GetAddressBytes();
                        var badIp = true;
                        foreach (var address in ip)
                        {
                            var testIp = IPAddress.Parse(address);
                            if (testIp.GetAddressBytes().SequenceEqual(bytes)) { badIp = false; break; }
                        }
                        if (badIp)
                        {
                            context.Response.StatusCode = StatusCodes.Status403Forbidden;
                            return;
                        }
                    }
                    await _next.Invoke(context);
                }
            }
            """,

        ["Safelist action filter (nullable disabled): the peer unmapped and compared"] = """
            #nullable disable
            public class ClientIpCheckActionFilter : ActionFilterAttribute
            {
                private readonly string _safelist;
                public ClientIpCheckActionFilter(string safelist) => _safelist = safelist;
                public override void OnActionExecuting(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context)
                {
                    var remoteIp = context.HttpContext.Connection.RemoteIpAddress;
                    var ip = _safelist.Split(';');
                    var badIp = true;
                    if (remoteIp.IsIPv4MappedToIPv6) remoteIp = remoteIp.MapToIPv4();
                    foreach (var address in ip)
                    {
                        var testIp = IPAddress.Parse(address);
                        if (testIp.Equals(remoteIp)) { badIp = false; break; }
                    }
                    if (badIp) context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                    base.OnActionExecuting(context);
                }
            }
            """,

        ["Controller (nullable disabled): a chain with a default, and the peer without ?."] = """
            #nullable disable
            public class UserController : Controller
            {
                public string GetIp()
                {
                    string ip = Request.Headers["X-Forwarded-For"].FirstOrDefault()?.Split(',').FirstOrDefault()?.Trim()
                        ?? HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                    return ip;
                }
                public IActionResult Log()
                {
                    var ip = Request.HttpContext.Connection.RemoteIpAddress.ToString();
                    return Content(ip);
                }
            }
            """,

        ["Extensions (nullable disabled): TryGetValue leftmost entry, and IPAddress.Parse of X-Real-IP"] = """
            #nullable disable
            public static class HttpContextExtensions
            {
                public static string GetUserIp(this HttpContext context)
                {
                    if (context.Request.Headers.TryGetValue("X-Forwarded-For", out var xff))
                        return xff.ToString().Split(',')[0];
                    return context.Connection.RemoteIpAddress?.ToString();
                }
                public static IPAddress GetRealIp(this HttpContext context) => IPAddress.Parse(context.Request.Headers["X-Real-IP"]);
            }
            """,

        ["Service: IHttpContextAccessor in a local, header ?? peer through ?."] = """
            public class CommentService
            {
                private readonly IHttpContextAccessor _accessor;
                public CommentService(IHttpContextAccessor accessor) => _accessor = accessor;
                public string Author()
                {
                    var ctx = _accessor.HttpContext;
                    var ip = ctx?.Request.Headers["X-Forwarded-For"].FirstOrDefault() ?? ctx?.Connection.RemoteIpAddress?.ToString();
                    return ip ?? "anonymous";
                }
            }
            """,

        ["Minimal APIs: the peer through HttpRequest and through IHttpConnectionFeature"] = """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/whoami", (HttpRequest request) => request.HttpContext.Connection.RemoteIpAddress?.MapToIPv4().ToString());
                    app.MapGet("/hello", (HttpContext http, ILogger<WebApplication> log) =>
                    {
                        log.LogInformation($"Hello from {http.Request.Headers["X-Forwarded-For"]}");
                        return "hi";
                    });
                    app.MapGet("/feature", (HttpContext http) => http.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress?.ToString());
                }
            }
            """,

        ["Login throttling keyed by the header, else the peer"] = """
            public class LoginService
            {
                public bool TooManyAttempts(HttpContext httpContext, Dictionary<string, int> attempts)
                {
                    var key = httpContext.Request.Headers["X-Forwarded-For"].ToString();
                    if (string.IsNullOrEmpty(key))
                    {
                        key = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                    }
                    attempts[key] = attempts.TryGetValue(key, out var n) ? n + 1 : 1;
                    return attempts[key] > 5;
                }
            }
            """,

        ["Rate limiter: the user name, else the peer, else a default as the partition key"] = """
            public static class Limits
            {
                public static void Add(IServiceCollection services) => services.AddRateLimiter(options =>
                    options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                        RateLimitPartition.GetFixedWindowLimiter(
                            partitionKey: ctx.User.Identity?.Name ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "anon",
                            factory: _ => new FixedWindowRateLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) })));
            }
            """,

        ["Helper: CF-Connecting-IP, then the first X-Forwarded-For entry trimmed with Select, then the peer"] = """
            public static class ClientInfo
            {
                public static string? GetIp(HttpContext httpContext)
                {
                    var cf = httpContext.Request.Headers["CF-Connecting-IP"].FirstOrDefault();
                    if (!string.IsNullOrWhiteSpace(cf))
                        return cf;

                    // standard reverse proxy header
                    var xff = httpContext.Request.Headers["X-Forwarded-For"].FirstOrDefault();
                    if (!string.IsNullOrWhiteSpace(xff))
                    {
                        // may contain: "client, proxy1, proxy2"
                        var firstIp = xff.Split(',').Select(x => x.Trim()).FirstOrDefault();
                        if (!string.IsNullOrWhiteSpace(firstIp))
                            return firstIp;
                    }

                    // fallback to connection address
                    return httpContext.Connection.RemoteIpAddress?.ToString();
                }
            }
            """,

        ["Middleware helper: the leftmost X-Forwarded-For entry, then X-Real-IP, then the peer or unknown"] = """
            public class RateLimitingMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly Dictionary<string, int> _counts = new();
                public RateLimitingMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    var key = $"{GetClientIdentifier(context)}:{context.Request.Path}";
                    _counts[key] = _counts.TryGetValue(key, out var n) ? n + 1 : 1;
                    await _next(context);
                }

                private string GetClientIdentifier(HttpContext context)
                {
                    var forwardedFor = context.Request.Headers["X-Forwarded-For"].FirstOrDefault();
                    if (!string.IsNullOrEmpty(forwardedFor))
                    {
                        return forwardedFor.Split(',')[0].Trim();
                    }

                    var realIp = context.Request.Headers["X-Real-IP"].FirstOrDefault();
                    if (!string.IsNullOrEmpty(realIp))
                    {
                        return realIp;
                    }

                    return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                }
            }
            """,

        ["Controller (nullable disabled): the machine name for local requests, else the peer"] = """
            #nullable disable
            public class IndexController : ControllerBase
            {
                private static bool IsLocalRequest(HttpContext context) => context.Request.Host.Host == "localhost";

                [HttpPut("index")]
                public IActionResult Put(string name)
                {
                    var source = IsLocalRequest(HttpContext) ? Environment.MachineName : HttpContext.Connection.RemoteIpAddress.ToString();
                    return Ok($"{name} by {source}");
                }
            }
            """,

        ["Controller: the peer into an audit entity initializer"] = """
            public class ActivityLog
            {
                public string? UserId { get; set; }
                public string? IpAddress { get; set; }
                public DateTime CreatedAtUtc { get; set; }
            }

            public class SettingsController : Controller
            {
                private readonly List<ActivityLog> _logs = new();

                [HttpPost]
                public IActionResult Save()
                {
                    _logs.Add(new ActivityLog
                    {
                        UserId = User.Identity?.Name,
                        IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
                        CreatedAtUtc = DateTime.UtcNow,
                    });
                    return RedirectToAction("Index");
                }
            }
            """,

        ["Middleware: the peer passed to a token service"] = """
            public interface ITokenService { Task<string?> RefreshTokensAsync(string refreshToken, string? ip); }

            public class TokenRefreshMiddleware
            {
                private readonly RequestDelegate _next;
                public TokenRefreshMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context, ITokenService tokenService)
                {
                    var refreshToken = context.Request.Cookies["refresh"];
                    if (!string.IsNullOrEmpty(refreshToken))
                    {
                        var ip = context.Connection.RemoteIpAddress?.ToString();
                        var newTokens = await tokenService.RefreshTokensAsync(refreshToken, ip);
                        if (newTokens != null)
                        {
                            context.Response.Cookies.Append("access", newTokens);
                        }
                    }

                    await _next(context);
                }
            }
            """,
    };

    public static IEnumerable<object[]> Names => Snippets.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Names))]
    public async Task EveryReportGetsAFixThatChangesTheCodeCompilesAndLeavesFewerReports(string name)
    {
        var document = FixRunner.CreateDocument(Source(name));
        Assert.Empty(await FixRunner.CompilerErrorsAsync(document));
        var reports = await ReadReportsAsync(document);
        Assert.NotEmpty(reports);
        var original = (await document.GetTextAsync()).ToString();

        foreach (var report in reports)
        {
            var fixedText = await FixRunner.ApplyFixAsync(document, report);
            Assert.True(fixedText is not null, $"no fix for {report}");
            Assert.True(fixedText != original, $"the fix for {report} changes nothing");
            var fixedDocument = document.WithText(Microsoft.CodeAnalysis.Text.SourceText.From(fixedText));
            Assert.True((await FixRunner.CompilerErrorsAsync(fixedDocument)).IsEmpty, $"{report}:\n{string.Join("\n", await FixRunner.CompilerErrorsAsync(fixedDocument))}\n{fixedText}");
            Assert.True((await ReadReportsAsync(fixedDocument)).Length < reports.Length, $"{report}: as many reports after its fix\n{fixedText}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task OneFixAllPassLeavesTheFileClean(string name)
    {
        var document = FixRunner.CreateDocument(Source(name));
        var reports = await ReadReportsAsync(document);

        var fixedDocument = await DotnetFormatRun.FixAllInDocumentAsync(document, new ClientIpReadCodeFixProvider(), ClientIpReadCodeFixProvider.EquivalenceKey, reports);

        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.True((await FixRunner.CompilerErrorsAsync(fixedDocument)).IsEmpty, string.Join("\n", await FixRunner.CompilerErrorsAsync(fixedDocument)) + "\n" + text);
        var remaining = await ReadReportsAsync(fixedDocument);
        Assert.True(remaining.Length == 0, string.Join("\n", remaining.Select(d => d.ToString())) + "\n" + text);
        await FixRunner.AssertNoNewWarningKindAsync(document, fixedDocument);
    }

    private static string Source(string name) => CaseSources.Web(MoreUsings + Snippets[name]);

    private static async Task<Microsoft.CodeAnalysis.Diagnostic[]> ReadReportsAsync(Microsoft.CodeAnalysis.Document document) =>
        (await FixRunner.AnalyzeAsync(document)).Where(d => ReadIds.Contains(d.Id)).ToArray();
}
