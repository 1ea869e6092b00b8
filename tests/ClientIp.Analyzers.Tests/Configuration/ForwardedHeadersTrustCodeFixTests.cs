using System.Threading.Tasks;
using ClientIp.Analyzers.Configuration;
using ClientIp.Analyzers.Tests.Infrastructure;
using ClientIp.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace ClientIp.Analyzers.Tests.Configuration;

public class ForwardedHeadersTrustCodeFixTests
{
    private const string RulePage = "// https://github.com/clientip-analyzers/ClientIp.Analyzers/blob/main/docs/rules/CIP0004.md";

    [Fact]
    public Task ClearCallsInAConfigureLambdaBecomeThePrivateNetworks() => Verify(
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.HttpOverrides;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
            static void Configure(IServiceCollection services)
            {
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                    // Behind the cloud load balancer.
                    {|CIP0004:options.KnownNetworks.Clear()|};
                    options.KnownProxies.Clear();
                });
            }
        }
        """,
        $$"""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.HttpOverrides;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
            static void Configure(IServiceCollection services)
            {
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                    // Behind the cloud load balancer.
                    // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                    {{RulePage}}
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("172.16.0.0/12"));
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("192.168.0.0/16"));
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("fd00::/8"));
                });
            }
        }
        """);

    [Fact]
    public Task SeparatedClearCallsOnALocalAreBothReplacedAndTheTypeIsShortenedWhenUnambiguous() => Verify(
        """
        using System.Net;
        using Microsoft.AspNetCore.Builder;

        static class Startup
        {
            static void Configure(WebApplication app)
            {
                var forwarded = new ForwardedHeadersOptions();
                {|CIP0004:forwarded.KnownProxies.Clear()|};
                forwarded.ForwardLimit = 2;
                forwarded.KnownIPNetworks.Clear();
                app.UseForwardedHeaders(forwarded);
            }
        }
        """,
        $$"""
        using System.Net;
        using Microsoft.AspNetCore.Builder;

        static class Startup
        {
            static void Configure(WebApplication app)
            {
                var forwarded = new ForwardedHeadersOptions();
                // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                {{RulePage}}
                forwarded.KnownIPNetworks.Add(IPNetwork.Parse("10.0.0.0/8"));
                forwarded.KnownIPNetworks.Add(IPNetwork.Parse("172.16.0.0/12"));
                forwarded.KnownIPNetworks.Add(IPNetwork.Parse("192.168.0.0/16"));
                forwarded.KnownIPNetworks.Add(IPNetwork.Parse("fd00::/8"));
                forwarded.ForwardLimit = 2;
                app.UseForwardedHeaders(forwarded);
            }
        }
        """);

    [Fact]
    public Task BeforeDotNet10TheFixUsesKnownNetworksAndTheAspNetCoreIPNetwork() => Verify(
        // A stand-in for the .NET 8/9 ForwardedHeadersOptions, which has no KnownIPNetworks (source types win over references).
        """
        using System.Collections.Generic;
        using System.Net;
        using Microsoft.AspNetCore.Builder;

        namespace Microsoft.AspNetCore.Builder
        {
            public class ForwardedHeadersOptions
            {
                public IList<IPAddress> KnownProxies { get; } = new List<IPAddress>();
                public IList<Microsoft.AspNetCore.HttpOverrides.IPNetwork> KnownNetworks { get; } = new List<Microsoft.AspNetCore.HttpOverrides.IPNetwork>();
            }
        }

        static class Startup
        {
            static void Configure(ForwardedHeadersOptions options)
            {
                {|CIP0004:options.KnownProxies.Clear()|};
                options.KnownNetworks.Clear();
            }
        }
        """,
        $$"""
        using System.Collections.Generic;
        using System.Net;
        using Microsoft.AspNetCore.Builder;

        namespace Microsoft.AspNetCore.Builder
        {
            public class ForwardedHeadersOptions
            {
                public IList<IPAddress> KnownProxies { get; } = new List<IPAddress>();
                public IList<Microsoft.AspNetCore.HttpOverrides.IPNetwork> KnownNetworks { get; } = new List<Microsoft.AspNetCore.HttpOverrides.IPNetwork>();
            }
        }

        static class Startup
        {
            static void Configure(ForwardedHeadersOptions options)
            {
                // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                {{RulePage}}
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.0"), 8));
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("172.16.0.0"), 12));
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("192.168.0.0"), 16));
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("fd00::"), 8));
            }
        }
        """);

    [Fact]
    public Task ClearCallsInTopLevelStatementsAreReplaced()
    {
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersTrustCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersTrustEveryone)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                var options = new ForwardedHeadersOptions();
                {|CIP0004:options.KnownIPNetworks.Clear()|};
                options.KnownProxies.Clear(); // trust the load balancer
                WebApplication.Create(args).UseForwardedHeaders(options);
                """,
            FixedCode = $$"""
                using Microsoft.AspNetCore.Builder;

                var options = new ForwardedHeadersOptions();
                // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                {{RulePage}}
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("172.16.0.0/12"));
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("192.168.0.0/16"));
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("fd00::/8"));
                WebApplication.Create(args).UseForwardedHeaders(options);
                """,
            CodeActionEquivalenceKey = ForwardedHeadersTrustCodeFixProvider.TrustOnlyTheseNetworksKey,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task AnEveryAddressNetworkAddedInAStatementBecomesThePrivateNetworks() => Verify(
        """
        using Microsoft.AspNetCore.Builder;

        static class Startup
        {
            static void Configure(ForwardedHeadersOptions options)
            {
                options.KnownIPNetworks.Add({|CIP0004:System.Net.IPNetwork.Parse("0.0.0.0/0")|});
            }
        }
        """,
        $$"""
        using Microsoft.AspNetCore.Builder;

        static class Startup
        {
            static void Configure(ForwardedHeadersOptions options)
            {
                // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                {{RulePage}}
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("172.16.0.0/12"));
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("192.168.0.0/16"));
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("fd00::/8"));
            }
        }
        """);

    [Fact]
    public Task AnEveryAddressNetworkAsALambdaBodyBecomesABlockOfThePrivateNetworks() => Verify(
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
            static void Configure(IServiceCollection services) =>
                services.Configure<ForwardedHeadersOptions>(options => options.KnownIPNetworks.Insert(0, {|CIP0004:new System.Net.IPNetwork(System.Net.IPAddress.IPv6Any, 0)|}));
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
            static void Configure(IServiceCollection services) =>
                services.Configure<ForwardedHeadersOptions>(options =>
                {
                    options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("10.0.0.0/8"));
                    options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("172.16.0.0/12"));
                    options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("192.168.0.0/16"));
                    options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("fd00::/8"));
                });
        }
        """);

    [Fact]
    public Task TheNewLambdaBlockFollowsTheConfiguredIndentSize() => Verify(
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
          static void Configure(IServiceCollection services) =>
            services.Configure<ForwardedHeadersOptions>(options => options.KnownIPNetworks.Insert(0, {|CIP0004:new System.Net.IPNetwork(System.Net.IPAddress.IPv6Any, 0)|}));
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
          static void Configure(IServiceCollection services) =>
            services.Configure<ForwardedHeadersOptions>(options =>
            {
              options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("10.0.0.0/8"));
              options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("172.16.0.0/12"));
              options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("192.168.0.0/16"));
              options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("fd00::/8"));
            });
        }
        """,
        "[*.cs]\nindent_size = 2\n");

    [Fact]
    public Task TheNewLambdaBlockFollowsTheConfiguredTabs() => Verify(
        Tabs("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop
        {
            static class Startup
            {
                static void Configure(IServiceCollection services) =>
                    services.Configure<ForwardedHeadersOptions>(options => options.KnownIPNetworks.Insert(0, {|CIP0004:new System.Net.IPNetwork(System.Net.IPAddress.IPv6Any, 0)|}));
            }
        }
        """),
        Tabs("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop
        {
            static class Startup
            {
                static void Configure(IServiceCollection services) =>
                    services.Configure<ForwardedHeadersOptions>(options =>
                    {
                        options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("10.0.0.0/8"));
                        options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("172.16.0.0/12"));
                        options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("192.168.0.0/16"));
                        options.KnownIPNetworks.Insert(0, System.Net.IPNetwork.Parse("fd00::/8"));
                    });
            }
        }
        """),
        "[*.cs]\nindent_style = tab\n");

    [Fact]
    public Task AnEveryAddressNetworkInACollectionInitializerBecomesThePrivateNetworks() => Verify(
        """
        using Microsoft.AspNetCore.Builder;

        static class Startup
        {
            static ForwardedHeadersOptions Options() => new()
            {
                KnownIPNetworks = { {|CIP0004:System.Net.IPNetwork.Parse("0.0.0.0/0")|} },
            };
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        static class Startup
        {
            static ForwardedHeadersOptions Options() => new()
            {
                KnownIPNetworks = { System.Net.IPNetwork.Parse("10.0.0.0/8"), System.Net.IPNetwork.Parse("172.16.0.0/12"), System.Net.IPNetwork.Parse("192.168.0.0/16"), System.Net.IPNetwork.Parse("fd00::/8") },
            };
        }
        """);

    [Fact]
    public Task TheAspNetCoreIPNetworkKeepsItsType() => Verify(
        """
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.HttpOverrides;

        static class Startup
        {
            static void Configure(ForwardedHeadersOptions options)
            {
        #pragma warning disable ASPDEPR005 // KnownNetworks is obsolete in .NET 10
                options.KnownNetworks.Add({|CIP0004:new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Any, 0)|});
        #pragma warning restore ASPDEPR005
            }
        }
        """,
        $$"""
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.HttpOverrides;

        static class Startup
        {
            static void Configure(ForwardedHeadersOptions options)
            {
        #pragma warning disable ASPDEPR005 // KnownNetworks is obsolete in .NET 10
                // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                {{RulePage}}
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.0"), 8));
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("172.16.0.0"), 12));
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("192.168.0.0"), 16));
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("fd00::"), 8));
        #pragma warning restore ASPDEPR005
            }
        }
        """);

    [Fact]
    public Task AnEveryAddressEntryInClientIpsTrustedProxiesBecomesThePrivateNetworks() => Verify(
        """
        static class Startup
        {
            static void Configure(ClientIp.ClientIpOptions options)
            {
                options.TrustedProxies.Add({|CIP0004:"0.0.0.0/0"|});
            }
        }
        """,
        $$"""
        static class Startup
        {
            static void Configure(ClientIp.ClientIpOptions options)
            {
                // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                {{RulePage}}
                options.TrustedProxies.Add("10.0.0.0/8");
                options.TrustedProxies.Add("172.16.0.0/12");
                options.TrustedProxies.Add("192.168.0.0/16");
                options.TrustedProxies.Add("fd00::/8");
            }
        }
        """);

    [Fact]
    public Task TheTrustEveryoneOptInGetsNoFix()
    {
        const string source = """
            static class Startup
            {
                static void Configure(ClientIp.ClientIpOptions options) => {|CIP0004:options.UnsafeTrustEveryPeer = true|};
            }
            """;
        return Verify(source, source);
    }

    [Fact]
    public Task FixAllRewritesEveryOptionsObjectInTheDocument()
    {
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersTrustCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersTrustEveryone)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                static class Startup
                {
                    static void First(ForwardedHeadersOptions a)
                    {
                        {|CIP0004:a.KnownProxies.Clear()|};
                        a.KnownIPNetworks.Clear();
                    }

                    static void Second(ForwardedHeadersOptions b)
                    {
                        {|CIP0004:b.KnownNetworks.Clear()|};
                        b.KnownProxies.Clear();
                    }
                }
                """,
            FixedCode = $$"""
                using Microsoft.AspNetCore.Builder;

                static class Startup
                {
                    static void First(ForwardedHeadersOptions a)
                    {
                        // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                        {{RulePage}}
                        a.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
                        a.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("172.16.0.0/12"));
                        a.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("192.168.0.0/16"));
                        a.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("fd00::/8"));
                    }

                    static void Second(ForwardedHeadersOptions b)
                    {
                        // CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use.
                        {{RulePage}}
                        b.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
                        b.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("172.16.0.0/12"));
                        b.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("192.168.0.0/16"));
                        b.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("fd00::/8"));
                    }
                }
                """,
            CodeActionEquivalenceKey = ForwardedHeadersTrustCodeFixProvider.TrustOnlyTheseNetworksKey,
        };
        return test.RunAsync();
    }

    [Fact]
    public void PrivateNetworksAreTheDocumentedList() =>
        Assert.Equal(new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8" }, ForwardedHeadersTrustCodeFixProvider.PrivateNetworks);

    /// <summary>The same code indented with tabs, one per four spaces.</summary>
    private static string Tabs(string code) => code.Replace("    ", "\t");

    private static Task Verify(string source, string fixedSource, string? editorConfig = null)
    {
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersTrustCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersTrustEveryone)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = ForwardedHeadersTrustCodeFixProvider.TrustOnlyTheseNetworksKey,
        };
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n" + editorConfig));
        }

        return test.RunAsync();
    }
}
