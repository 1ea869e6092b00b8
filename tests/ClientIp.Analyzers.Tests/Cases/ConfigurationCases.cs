using System.Collections.Generic;
using ClientIp.Analyzers.Tests.Infrastructure;

namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>
/// CIP0004 (forwarded-header options that trust every proxy) and CIP0005 (forwarded-header middleware registered
/// too late). Each source is a whole file; the expected span is marked with <c>{|CIPxxxx:...|}</c>.
/// </summary>
public static class ConfigurationCases
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.HttpOverrides;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        """;

    /// <summary>Cases that must report.</summary>
    public static IEnumerable<AnalyzerCase> Positive { get; } = new[]
    {
        // ---- CIP0004: both known lists cleared ----
        Trust("Configure<ForwardedHeadersOptions> clears KnownNetworks and KnownProxies", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                    {|CIP0004:options.KnownNetworks.Clear()|};
                    options.KnownProxies.Clear();
                });
            """)),
        Trust("KnownIPNetworks cleared after KnownProxies", Setup("""
                services.Configure<ForwardedHeadersOptions>(o =>
                {
                    o.ForwardedHeaders = ForwardedHeaders.All;
                    {|CIP0004:o.KnownProxies.Clear()|};
                    o.KnownIPNetworks.Clear();
                });
            """)),
        Trust("options object passed to UseForwardedHeaders", Setup("""
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
                {|CIP0004:forwarded.KnownNetworks.Clear()|};
                forwarded.KnownProxies.Clear();
                app.UseForwardedHeaders(forwarded);
            """)),
        Trust("flags not set in the same lambda (they may come from configuration)", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    {|CIP0004:options.KnownProxies.Clear()|};
                    options.KnownNetworks.Clear();
                });
            """)),
        Trust("flags set from a non-constant value", Setup("""
                var flags = Enum.Parse<ForwardedHeaders>(Environment.GetEnvironmentVariable("FH") ?? "None");
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.ForwardedHeaders = flags;
                    {|CIP0004:options.KnownProxies.Clear()|};
                    options.KnownIPNetworks.Clear();
                });
            """)),
        Trust("IConfigureOptions<ForwardedHeadersOptions> implementation", Usings + """
            sealed class ForwardedHeadersSetup : IConfigureOptions<ForwardedHeadersOptions>
            {
                public void Configure(ForwardedHeadersOptions options)
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
                    {|CIP0004:options.KnownProxies.Clear()|};
                    options.KnownNetworks.Clear();
                }
            }
            """),
        Trust("the app's own settings object holding the options", Usings + """
            sealed class ProxySettings
            {
                public ForwardedHeadersOptions Forwarding { get; } = new() { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            }

            static class Setup
            {
                public static void Apply(ProxySettings settings, WebApplication app)
                {
                    {|CIP0004:settings.Forwarding.KnownProxies.Clear()|};
                    settings.Forwarding.KnownIPNetworks.Clear();
                    app.UseForwardedHeaders(settings.Forwarding);
                }
            }
            """),

        // ---- CIP0004: a network covering every address ----
        Trust("System.Net.IPNetwork.Parse(\"0.0.0.0/0\") added to KnownIPNetworks", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                    options.KnownIPNetworks.Add({|CIP0004:System.Net.IPNetwork.Parse("0.0.0.0/0")|}));
            """)),
        Trust("::/0 through System.Net.IPNetwork's constructor", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                    options.KnownIPNetworks.Add({|CIP0004:new System.Net.IPNetwork(IPAddress.IPv6Any, 0)|}));
            """)),
        Trust("HttpOverrides.IPNetwork(IPAddress.Any, 0) added to KnownNetworks", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.KnownNetworks.Add({|CIP0004:new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Any, 0)|});
                });
            """)),
        Trust("HttpOverrides.IPNetwork.Parse(\"::/0\")", Setup("""
                var options = new ForwardedHeadersOptions();
                options.KnownNetworks.Insert(0, {|CIP0004:Microsoft.AspNetCore.HttpOverrides.IPNetwork.Parse("::/0")|});
                app.UseForwardedHeaders(options);
            """)),
        Trust("0.0.0.0/0 in a collection initializer", Setup("""
                app.UseForwardedHeaders(new ForwardedHeadersOptions
                {
                    ForwardedHeaders = ForwardedHeaders.XForwardedFor,
                    KnownIPNetworks = { {|CIP0004:System.Net.IPNetwork.Parse(" 0.0.0.0/0 ")|} },
                });
            """)),
        Trust("0.0.0.0/0 built in a local first", Setup("""
                var everyone = {|CIP0004:new System.Net.IPNetwork(IPAddress.Parse("0.0.0.0"), 0)|};
                services.Configure<ForwardedHeadersOptions>(options => options.KnownIPNetworks.Add(everyone));
            """), fixable: false),
        Trust("0.0.0.0/0 added to ClientIp's trusted proxies", Setup("""
                var clientIp = new ClientIp.ClientIpOptions();
                clientIp.TrustedProxies.Add({|CIP0004:"0.0.0.0/0"|});
            """)),

        Trust("ClientIp's UnsafeTrustEveryPeer opt-in (a source copy of the options, matched by name)", ClientIpOptionsCopy + """
            static class Setup
            {
                public static void Configure(IServiceCollection services) =>
                    services.Configure<ClientIp.ClientIpOptions>(o => {|CIP0004:o.UnsafeTrustEveryPeer = true|});

                public static ClientIp.ClientIpOptions Create() => new() { {|CIP0004:UnsafeTrustEveryPeer = true|} };
            }
            """, fixable: false),

        // ---- CIP0005: forwarding registered after a dependent middleware ----
        Order("UseForwardedHeaders after UseAuthentication", Usings + """
            static class Program
            {
                static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.UseAuthentication();
                    {|CIP0005:app.UseForwardedHeaders()|};
                    app.Run();
                }
            }
            """),
        Order("dependent middleware inside an earlier if", Usings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app, bool secure)
                {
                    if (secure)
                    {
                        app.UseHttpsRedirection();
                    }

                    {|CIP0005:app.UseForwardedHeaders()|};
                }
            }
            """),
        Order("UseForwardedHeaders(options) after UseHttpsRedirection", Usings + """
            static class Pipeline
            {
                public static void Configure(IApplicationBuilder app)
                {
                    app.UseHttpsRedirection();
                    app.UseHsts();
                    {|CIP0005:app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto })|};
                }
            }
            """),
        Order("chained after UseRateLimiter", Usings + """
            static class Pipeline
            {
                public static void Configure(IApplicationBuilder app) => app.UseRateLimiter().{|CIP0005:UseForwardedHeaders()|};
            }
            """, fixable: false),
        Order("after UseEndpoints in a Startup.Configure", Usings + """
            sealed class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => { });
                    {|CIP0005:app.UseForwardedHeaders()|};
                }
            }
            """),
        Order("after UseCors, UseHttpLogging, UseW3CLogging and UseAuthorization", Usings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseHttpLogging();
                    app.UseW3CLogging();
                    app.UseCors();
                    app.UseAuthorization();
                    {|CIP0005:app.UseForwardedHeaders()|};
                }
            }
            """),
        Order("options declared between the middleware and the forwarding call (no fix)", Usings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseAuthorization();
                    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
                    {|CIP0005:app.UseForwardedHeaders(forwarded)|};
                }
            }
            """, fixable: false),
        Order("ClientIp's UseClientIp (source copy of Microsoft.AspNetCore.Builder.ClientIpApplicationBuilderExtensions)", Usings + """
            namespace Microsoft.AspNetCore.Builder
            {
                public static class ClientIpApplicationBuilderExtensions
                {
                    public static IApplicationBuilder UseClientIp(this IApplicationBuilder app) => app;
                }
            }

            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseHttpLogging();
                    {|CIP0005:Microsoft.AspNetCore.Builder.ClientIpApplicationBuilderExtensions.UseClientIp(app)|};
                }
            }
            """),
        Order("a UseClientIp extension in a ClientIp.* namespace", Usings + """
            namespace ClientIp.Copied
            {
                public static class CopiedClientIpExtensions
                {
                    public static IApplicationBuilder UseClientIp(this IApplicationBuilder app) => app;
                }
            }

            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseRateLimiter();
                    {|CIP0005:ClientIp.Copied.CopiedClientIpExtensions.UseClientIp(app)|};
                }
            }
            """),

        // ---- CIP0005: the app's own middleware reading the peer before forwarding (issue 11, family 5) ----
        Order("an inline allow-list middleware registered before UseForwardedHeaders", PipelineUsings + """
            static class Program
            {
                private static readonly HashSet<IPAddress> Office = new() { IPAddress.Parse("203.0.113.10") };

                static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.Use(async (context, next) =>
                    {
                        if (context.Connection.RemoteIpAddress is not { } peer || !Office.Contains(peer))
                        {
                            context.Response.StatusCode = StatusCodes.Status403Forbidden;
                            return;
                        }

                        await next(context);
                    });
                    {|CIP0005:app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor })|};
                    app.Run();
                }
            }
            """),
        Order("a middleware class behind the app's own UseXxx() extension, registered before UseClientIp", PipelineUsings + """
            public class IpBlockMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly ISet<string> _blocked;

                public IpBlockMiddleware(RequestDelegate next, ISet<string> blocked)
                {
                    _next = next;
                    _blocked = blocked;
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    var ip = context.Connection.RemoteIpAddress?.ToString() ?? "";
                    if (_blocked.Contains(ip))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }

                    await _next(context);
                }
            }

            public static class IpBlockExtensions
            {
                public static IApplicationBuilder UseIpBlocking(this IApplicationBuilder app) => app.UseMiddleware<IpBlockMiddleware>();
            }

            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseIpBlocking();
                    {|CIP0005:app.UseClientIp()|};
                }
            }
            """),
        Order("a UseWhen predicate on the peer before UseForwardedHeaders", PipelineUsings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseWhen(ctx => ctx.Connection.RemoteIpAddress?.ToString() == "10.0.0.7", branch => branch.UseDeveloperExceptionPage());
                    {|CIP0005:app.UseForwardedHeaders()|};
                }
            }
            """),

        // ---- CIP0005: UseClientIp with ASP.NET Core's middleware for the client address (issue 11, family 6) ----
        Order("UseForwardedHeaders with XForwardedFor and UseClientIp", PipelineUsings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
                    {|CIP0005:app.UseClientIp()|};
                }
            }
            """, fixable: false),
        Order("ForwardedHeadersOptions configured for the client address (middleware from the environment) and UseClientIp", PipelineUsings + """
            static class Startup
            {
                public static void Services(IServiceCollection services) =>
                    services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.All);

                public static void Configure(WebApplication app) => {|CIP0005:app.UseClientIp()|};
            }
            """, fixable: false),
    };

    /// <summary>Cases that must report nothing.</summary>
    public static IEnumerable<AnalyzerCase> Negative { get; } = new[]
    {
        // ---- CIP0004 ----
        Clean("lists cleared, then the proxy added back", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
                    options.KnownNetworks.Clear();
                    options.KnownProxies.Clear();
                    options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
                });
            """)),
        Clean("lists cleared, then a private network added back", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.KnownProxies.Clear();
                    options.KnownIPNetworks.Clear();
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
                });
            """)),
        Clean("only KnownNetworks cleared (loopback proxies stay trusted)", Setup("""
                services.Configure<ForwardedHeadersOptions>(options => options.KnownNetworks.Clear());
            """)),
        Clean("only KnownProxies cleared (the loopback network stays trusted)", Setup("""
                services.Configure<ForwardedHeadersOptions>(options => options.KnownProxies.Clear());
            """)),
        Clean("lists cleared but only X-Forwarded-Proto forwarded", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                    options.KnownProxies.Clear();
                    options.KnownNetworks.Clear();
                });
            """)),
        Clean("lists cleared on options whose initializer forwards only the scheme", Setup("""
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto };
                forwarded.KnownProxies.Clear();
                forwarded.KnownNetworks.Clear();
                app.UseForwardedHeaders(forwarded);
            """)),
        Clean("lists of two different options objects cleared", Setup("""
                var a = new ForwardedHeadersOptions();
                var b = new ForwardedHeadersOptions();
                a.KnownProxies.Clear();
                b.KnownNetworks.Clear();
            """)),
        Clean("a 0.0.0.0/0 network that is not trusted as a proxy", Setup("""
                var everything = System.Net.IPNetwork.Parse("0.0.0.0/0");
                Console.WriteLine(everything.Contains(IPAddress.Loopback));
            """)),
        Clean("a /0 network in the app's own list", Setup("""
                var allowList = new List<System.Net.IPNetwork>();
                allowList.Clear();
                allowList.Add(new System.Net.IPNetwork(IPAddress.Any, 0));
            """)),
        Clean("a /8 network trusted", Setup("""
                services.Configure<ForwardedHeadersOptions>(options =>
                    options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.0"), 8)));
            """)),
        Clean("a private range added to ClientIp's trusted proxies", Setup("""
                var clientIp = new ClientIp.ClientIpOptions();
                clientIp.TrustedProxies.Add("10.0.0.0/8");
                clientIp.TrustedProxies.Add("192.168.0.0/16");
            """)),

        Clean("UnsafeTrustEveryPeer set to false or from configuration", ClientIpOptionsCopy + """
            static class Setup
            {
                public static void Configure(IServiceCollection services, bool unsafeTrust) =>
                    services.Configure<ClientIp.ClientIpOptions>(o =>
                    {
                        o.UnsafeTrustEveryPeer = false;
                        o.UnsafeTrustEveryPeer = unsafeTrust;
                        Console.WriteLine(o.UnsafeTrustEveryPeer);
                    });
            }
            """),

        // ---- CIP0005 ----
        Clean("UseForwardedHeaders first", Usings + """
            static class Program
            {
                static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.UseForwardedHeaders();
                    app.UseHttpsRedirection();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.Run();
                }
            }
            """),
        Clean("dependent middleware on another builder", Usings + """
            static class Pipeline
            {
                public static void Configure(IApplicationBuilder first, IApplicationBuilder second)
                {
                    first.UseAuthentication();
                    second.UseForwardedHeaders();
                }
            }
            """),
        Clean("Map* before UseForwardedHeaders on a WebApplication (endpoints run last)", Usings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.MapGet("/", () => "hi");
                    app.UseRouting();
                    app.UseForwardedHeaders();
                    app.UseAuthorization();
                }
            }
            """),
        Clean("forwarding inside a nested block, dependent middleware after it", Usings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app, bool behindProxy)
                {
                    if (behindProxy)
                    {
                        app.UseForwardedHeaders();
                    }

                    app.UseHttpsRedirection();
                }
            }
            """),
        Clean("dependent middleware inside a lambda", Usings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    Action later = () => app.UseAuthentication();
                    app.UseForwardedHeaders();
                    later();
                }
            }
            """),
        Clean("UseClientIp after scheme-only middleware (it does not change the scheme)", PipelineUsings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app, bool development)
                {
                    if (!development)
                    {
                        app.UseHsts();
                    }

                    app.UseHttpsRedirection();
                    app.UseAuthentication();
                    app.UseClientIp();
                }
            }
            """),
        Clean("UseForwardedHeaders after UseCors (CORS compares the Origin header only)", Usings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseCors();
                    app.UseForwardedHeaders();
                }
            }
            """),
        Clean("peer-reading middleware after forwarding, or before it but only logging or not reading the peer", PipelineUsings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app, ILogger logger)
                {
                    app.Use(async (ctx, next) =>
                    {
                        logger.LogInformation("Connection from {Peer}", ctx.Connection.RemoteIpAddress);
                        ctx.Response.Headers["X-Frame-Options"] = "DENY";
                        await next(ctx);
                    });
                    app.UseForwardedHeaders();
                    app.Use(async (ctx, next) =>
                    {
                        if (ctx.Connection.RemoteIpAddress?.ToString() == "203.0.113.66")
                        {
                            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                            return;
                        }

                        await next(ctx);
                    });
                }
            }
            """),
        Clean("UseForwardedHeaders for the scheme only, UseClientIp for the address", PipelineUsings + """
            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto });
                    app.UseClientIp();
                }
            }
            """),
        Clean("lists cleared, then handed to the app's own method that adds the proxies back", Usings + """
            static class Startup
            {
                private static void AddProxiesFromConfiguration(ForwardedHeadersOptions options, IEnumerable<string> proxies)
                {
                    foreach (var proxy in proxies)
                    {
                        options.KnownProxies.Add(IPAddress.Parse(proxy));
                    }
                }

                public static void Configure(IServiceCollection services, IEnumerable<string> proxies) =>
                    services.Configure<ForwardedHeadersOptions>(options =>
                    {
                        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
                        options.KnownNetworks.Clear();
                        options.KnownProxies.Clear();
                        AddProxiesFromConfiguration(options, proxies);
                    });
            }
            """),
        Clean("an unrelated method named UseForwardedHeaders", Usings + """
            static class Other
            {
                public static IApplicationBuilder UseForwardedHeaders(this IApplicationBuilder app, int unused) => app;

                public static void Configure(WebApplication app)
                {
                    app.UseAuthentication();
                    app.UseForwardedHeaders(0);
                }
            }
            """),
    };

    private const string PipelineUsings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.HttpOverrides;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        """; // UseClientIp comes from the ClientIp library the tests reference.

    // The resolver's options as far as CIP0004 needs them; matching is by metadata name, so a copy counts.
    private const string ClientIpOptionsCopy = Usings + """
        namespace ClientIp
        {
            public sealed class ClientIpOptions
            {
                public IList<string> TrustedProxies { get; } = new List<string>();
                public bool UnsafeTrustEveryPeer { get; set; }
            }
        }

        """;

    private static string Setup(string body) => Usings + $$"""
        static class Startup
        {
            public static void Configure(IServiceCollection services, WebApplication app)
            {
        {{body}}
            }
        }
        """;

    // Cleared lists and a /0 network written where it is added get the private networks; the opt-in, and a /0 network
    // built elsewhere first, need a decision the fix cannot make (fixable: false).
    private static AnalyzerCase Trust(string name, string markup, bool fixable = true) =>
        new(name, DiagnosticIds.ForwardedHeadersTrustEveryone, markup, fixable);

    private static AnalyzerCase Order(string name, string markup, bool fixable = true) =>
        new(name, DiagnosticIds.ForwardedHeadersRegisteredTooLate, markup, fixable);

    private static AnalyzerCase Clean(string name, string markup) => new(name, null, markup, Fixable: false);
}
