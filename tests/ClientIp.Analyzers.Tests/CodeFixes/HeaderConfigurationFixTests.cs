using System.Threading.Tasks;
using static ClientIp.Analyzers.Tests.CodeFixes.ReadFixVerifier;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// A read of a header other than X-Forwarded-For keeps its meaning: the same fix makes the resolver read that header,
/// in the project's composition root, and its title says so.
/// </summary>
public class HeaderConfigurationFixTests
{
    private const string Endpoint = """
        using Microsoft.AspNetCore.Http;

        public static class WhoAmIEndpoint
        {
            public static IResult Handle(HttpContext ctx)
            {
                string? ip = {|CIP0002:ctx.Request.Headers["X-Real-IP"]|};
                return Results.Text($"{ip}");
            }
        }
        """;

    private const string EndpointFixed = """
        using ClientIp;
        using Microsoft.AspNetCore.Http;

        public static class WhoAmIEndpoint
        {
            public static IResult Handle(HttpContext ctx)
            {
                string? ip = ctx.GetClientIpAddress()?.ToString();
                return Results.Text($"{ip}");
            }
        }
        """;

    [Fact]
    public async Task XRealIPReadInAnEndpointAddsAddClientIpToProgram()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddRouting();

                        var app = builder.Build();
                        app.MapGet("/whoami", WhoAmIEndpoint.Handle);
                        app.Run();
                        """),
                    ("WhoAmIEndpoint.cs", Endpoint),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddRouting();
                        builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options => options.ForwardedHeader = "X-Real-IP");

                        var app = builder.Build();
                        app.MapGet("/whoami", WhoAmIEndpoint.Handle);
                        app.Run();
                        """),
                    ("WhoAmIEndpoint.cs", EndpointFixed),
                },
            },
        }.AsApplication().WithTitle("Use GetClientIpAddress(), reading X-Real-IP (AddClientIp in Program.cs)").RunAsync();
    }

    [Fact]
    public async Task AMinimalApiInProgramIsRewrittenAndConfiguredInTheSameFile()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.AspNetCore.Http;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);

                        var app = builder.Build();
                        app.MapGet("/whoami", (HttpContext ctx) => {|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|}.ToString());
                        app.Run();
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using ClientIp;
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.AspNetCore.Http;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options => options.ForwardedHeader = "CF-Connecting-IP");

                        var app = builder.Build();
                        app.MapGet("/whoami", (HttpContext ctx) => ctx.GetClientIpAddress()?.ToString());
                        app.Run();
                        """),
                },
            },
        }.AsApplication().WithTitle("Use GetClientIpAddress(), reading CF-Connecting-IP (AddClientIp in Program.cs)").RunAsync();
    }

    [Fact]
    public async Task AddClientIpWithoutArgumentsGetsTheHeader()
    {
        await new Test
        {
            TestState = { Sources = { ("Program.cs", Program("builder.Services.AddClientIp();")), ("WhoAmIEndpoint.cs", Endpoint) } },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", Program("""builder.Services.AddClientIp(options => options.ForwardedHeader = "X-Real-IP");""")),
                    ("WhoAmIEndpoint.cs", EndpointFixed),
                },
            },
        }.AsApplication().WithTitle("Use GetClientIpAddress(), reading X-Real-IP (AddClientIp in Program.cs)").RunAsync();
    }

    [Fact]
    public async Task AnAddClientIpDelegateGetsTheHeaderSetAfterWhatItAlreadyDoes()
    {
        await new Test
        {
            TestState =
            {
                Sources = { ("Program.cs", Program("""builder.Services.AddClientIp(o => o.TrustedProxies.Add("10.0.0.0/8"));""")), ("WhoAmIEndpoint.cs", Endpoint) },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", Program("""
                        builder.Services.AddClientIp(o =>
                        {
                            o.TrustedProxies.Add("10.0.0.0/8");
                            o.ForwardedHeader = "X-Real-IP";
                        });
                        """)),
                    ("WhoAmIEndpoint.cs", EndpointFixed),
                },
            },
        }.AsApplication().RunAsync();
    }

    [Fact]
    public async Task AddClientIpFromConfigurationGetsTheConfigureDelegateAndTheTitleSaysItWins()
    {
        await new Test
        {
            TestState =
            {
                Sources = { ("Program.cs", Program("""builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));""")), ("WhoAmIEndpoint.cs", Endpoint) },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", Program("""builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options => options.ForwardedHeader = "X-Real-IP");""")),
                    ("WhoAmIEndpoint.cs", EndpointFixed),
                },
            },
        }.AsApplication().WithTitle("Use GetClientIpAddress(), reading X-Real-IP (AddClientIp in Program.cs, over the configured header)").RunAsync();
    }

    [Fact]
    public async Task TheHeaderAlreadyConfiguredNeedsNoChange()
    {
        var program = Program("""builder.Services.AddClientIp(o => o.ForwardedHeader = "X-Real-IP");""");
        await new Test
        {
            TestState = { Sources = { ("Program.cs", program), ("WhoAmIEndpoint.cs", Endpoint) } },
            FixedState = { Sources = { ("Program.cs", program), ("WhoAmIEndpoint.cs", EndpointFixed) } },
        }.AsApplication().WithTitle("Use GetClientIpAddress()").RunAsync();
    }

    [Fact]
    public async Task AnotherConfiguredHeaderIsNotOverriddenTheTitleAndACommentSayItConflicts()
    {
        var program = Program("""builder.Services.AddClientIp(o => o.ForwardedHeader = "CF-Connecting-IP");""");
        await new Test
        {
            TestState = { Sources = { ("Program.cs", program), ("WhoAmIEndpoint.cs", Endpoint) } },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", program),
                    ("WhoAmIEndpoint.cs", """
                        using ClientIp;
                        using Microsoft.AspNetCore.Http;

                        public static class WhoAmIEndpoint
                        {
                            public static IResult Handle(HttpContext ctx)
                            {
                                // ClientIp: this code read X-Real-IP; the resolver reads CF-Connecting-IP as configured in Program.cs.
                                string? ip = ctx.GetClientIpAddress()?.ToString();
                                return Results.Text($"{ip}");
                            }
                        }
                        """),
                },
            },
        }.AsApplication().WithTitle("Use GetClientIpAddress() (conflict: AddClientIp in Program.cs reads CF-Connecting-IP, not X-Real-IP)").RunAsync();
    }

    [Fact]
    public async Task XForwardedForNeedsNoConfigurationAndTheTitleClaimsNone()
    {
        var program = Program("builder.Services.AddRouting();");
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", program),
                    ("Limits.cs", """
                        using Microsoft.AspNetCore.Http;

                        public static class Limits
                        {
                            public static string Key(HttpContext ctx) => {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|};
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", program),
                    ("Limits.cs", """
                        using ClientIp;
                        using Microsoft.AspNetCore.Http;

                        public static class Limits
                        {
                            public static string Key(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString() ?? string.Empty;
                        }
                        """),
                },
            },
        }.AsApplication().WithTitle("Use GetClientIpAddress()").RunAsync();
    }

    [Fact]
    public async Task StartupConfigureServicesGetsTheRegistration()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    ("Startup.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public class Startup
                        {
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddRouting();
                            }
                        }
                        """),
                    ("WhoAmIEndpoint.cs", Endpoint),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Startup.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public class Startup
                        {
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddRouting();
                                services.AddClientIp(options => options.ForwardedHeader = "X-Real-IP");
                            }
                        }
                        """),
                    ("WhoAmIEndpoint.cs", EndpointFixed),
                },
            },
        }.WithTitle("Use GetClientIpAddress(), reading X-Real-IP (AddClientIp in Startup.cs)").RunAsync();
    }

    [Fact]
    public async Task WithoutACompositionRootTheTitleAndACommentSayWhatTheHostMustConfigure()
    {
        await new Test
        {
            TestCode = Endpoint,
            FixedCode = """
                using ClientIp;
                using Microsoft.AspNetCore.Http;

                public static class WhoAmIEndpoint
                {
                    public static IResult Handle(HttpContext ctx)
                    {
                        // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                        string? ip = ctx.GetClientIpAddress()?.ToString();
                        return Results.Text($"{ip}");
                    }
                }
                """,
        }.WithTitle("Use GetClientIpAddress() (the host must configure AddClientIp to read X-Real-IP)").RunAsync();
    }

    [Fact]
    public async Task AFallbackOverSeveralHeadersKeepsTheFirstAndSaysSo()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", Program("builder.Services.AddRouting();")),
                    ("ClientAddress.cs", """
                        using System.Linq;
                        using Microsoft.AspNetCore.Http;

                        public static class ClientAddress
                        {
                            public static string? Of(HttpContext ctx) =>
                                {|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|}.FirstOrDefault()
                                ?? {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].FirstOrDefault()|}
                                ?? ctx.Connection.RemoteIpAddress?.ToString();
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", Program("""
                        builder.Services.AddRouting();
                        builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options => options.ForwardedHeader = "CF-Connecting-IP");
                        """)),
                    ("ClientAddress.cs", """
                        using System.Linq;
                        using ClientIp;
                        using Microsoft.AspNetCore.Http;

                        public static class ClientAddress
                        {
                            public static string? Of(HttpContext ctx) =>
                                ctx.GetClientIpAddress()?.ToString();
                        }
                        """),
                },
            },
        }.AsApplication()
         .WithTitle("Use GetClientIpAddress(), reading CF-Connecting-IP, the first header tried (AddClientIp in Program.cs; X-Forwarded-For no longer read)")
         .RunAsync();
    }

    [Fact]
    public async Task APeerReadNeverChangesTheConfiguration()
    {
        var program = Program("""builder.Services.AddClientIp(o => o.ForwardedHeader = "X-Real-IP");""");
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", program),
                    ("Audit.cs", """
                        using Microsoft.AspNetCore.Http;

                        public static class Audit
                        {
                            public static string? Who(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString();
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", program),
                    ("Audit.cs", """
                        using ClientIp;
                        using Microsoft.AspNetCore.Http;

                        public static class Audit
                        {
                            public static string? Who(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();
                        }
                        """),
                },
            },
        }.AsApplication().WithTitle("Use GetClientIpAddress()").RunAsync();
    }

    [Fact]
    public async Task TwoReadsOfDifferentHeadersConfigureTheFirstAndCommentTheConflictInOnePass()
    {
        await new Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", Program("builder.Services.AddRouting();")),
                    ("A.cs", """
                        using Microsoft.AspNetCore.Http;

                        public static class A
                        {
                            public static string? Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Real-IP"]|};
                        }
                        """),
                    ("B.cs", """
                        using Microsoft.AspNetCore.Http;

                        public static class B
                        {
                            public static string? Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|};
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", Program("""
                        builder.Services.AddRouting();
                        builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options => options.ForwardedHeader = "X-Real-IP");
                        """)),
                    ("A.cs", """
                        using ClientIp;
                        using Microsoft.AspNetCore.Http;

                        public static class A
                        {
                            public static string? Client(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();
                        }
                        """),
                    ("B.cs", """
                        using ClientIp;
                        using Microsoft.AspNetCore.Http;

                        public static class B
                        {
                            // ClientIp: this code read CF-Connecting-IP; the resolver reads X-Real-IP as configured in Program.cs.
                            public static string? Client(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();
                        }
                        """),
                },
            },
            // One pass over the project (or solution); a document-scoped Fix All fixes one file per pass.
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        }.AsApplication().RunAsync();
    }

    /// <summary>A Program.cs whose service registrations are <paramref name="registrations"/>.</summary>
    private static string Program(string registrations) => $$"""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        {{registrations}}

        var app = builder.Build();
        app.Run();
        """;
}
