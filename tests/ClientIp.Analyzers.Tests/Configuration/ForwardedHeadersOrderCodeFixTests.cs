using System.Threading.Tasks;
using ClientIp.Analyzers.Configuration;
using ClientIp.Analyzers.Tests.Infrastructure;
using ClientIp.CodeFixes;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Tests.Configuration;

public class ForwardedHeadersOrderCodeFixTests
{
    [Fact]
    public Task ForwardingMovesBeforeTheFirstDependentMiddleware() => Verify(
        """
        using Microsoft.AspNetCore.Builder;

        static class Pipeline
        {
            static void Configure(WebApplication app)
            {
                app.UseStaticFiles();
                app.UseHttpsRedirection();
                app.UseAuthentication();

                // Behind nginx.
                {|CIP0005:app.UseForwardedHeaders()|};
                app.UseAuthorization();
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        static class Pipeline
        {
            static void Configure(WebApplication app)
            {
                app.UseStaticFiles();
                // Behind nginx.
                app.UseForwardedHeaders();
                app.UseHttpsRedirection();
                app.UseAuthentication();
                app.UseAuthorization();
            }
        }
        """);

    [Fact]
    public Task TheBlankLineAboveTheTargetStaysAboveTheMovedCall() => Verify(
        """
        using Microsoft.AspNetCore.Builder;

        static class Pipeline
        {
            static void Configure(WebApplication app)
            {
                app.UseStaticFiles();

                // Security.
                app.UseHttpsRedirection();
                app.UseAuthentication();
                {|CIP0005:app.UseForwardedHeaders()|};
                app.UseAuthorization();
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        static class Pipeline
        {
            static void Configure(WebApplication app)
            {
                app.UseStaticFiles();

                app.UseForwardedHeaders();
                // Security.
                app.UseHttpsRedirection();
                app.UseAuthentication();
                app.UseAuthorization();
            }
        }
        """);

    [Fact]
    public Task ForwardingMovesAboveAnEarlierIf() => Verify(
        """
        using Microsoft.AspNetCore.Builder;

        static class Pipeline
        {
            static void Configure(WebApplication app, bool production)
            {
                if (production)
                {
                    app.UseHsts();
                }

                {|CIP0005:app.UseForwardedHeaders(new ForwardedHeadersOptions())|};
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        static class Pipeline
        {
            static void Configure(WebApplication app, bool production)
            {
                app.UseForwardedHeaders(new ForwardedHeadersOptions());
                if (production)
                {
                    app.UseHsts();
                }
            }
        }
        """);

    [Fact]
    public Task TopLevelStatementsAreReordered()
    {
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersOrderCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersRegisteredTooLate)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                var app = WebApplication.CreateBuilder(args).Build();
                app.UseRateLimiter();
                {|CIP0005:app.UseForwardedHeaders()|};
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;

                var app = WebApplication.CreateBuilder(args).Build();
                app.UseForwardedHeaders();
                app.UseRateLimiter();
                app.Run();
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task ChainedCallGetsNoFix()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            static class Pipeline
            {
                static void Configure(IApplicationBuilder app) => app.UseRateLimiter().{|CIP0005:UseForwardedHeaders()|};
            }
            """;
        return Verify(source, source);
    }

    [Fact]
    public Task OptionsDeclaredInBetweenGetNoFix()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;

            static class Pipeline
            {
                static void Configure(WebApplication app)
                {
                    app.UseAuthentication();
                    var options = new ForwardedHeadersOptions();
                    {|CIP0005:app.UseForwardedHeaders(options)|};
                }
            }
            """;
        return Verify(source, source);
    }

    [Fact]
    public Task FixAllMovesEveryLateRegistration()
    {
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersOrderCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersRegisteredTooLate)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                static class Pipeline
                {
                    static void Api(IApplicationBuilder app)
                    {
                        app.UseAuthentication();
                        {|CIP0005:app.UseForwardedHeaders()|};
                    }

                    static void Site(IApplicationBuilder app)
                    {
                        app.UseHttpsRedirection();
                        {|CIP0005:app.UseForwardedHeaders()|};
                    }
                }
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;

                static class Pipeline
                {
                    static void Api(IApplicationBuilder app)
                    {
                        app.UseForwardedHeaders();
                        app.UseAuthentication();
                    }

                    static void Site(IApplicationBuilder app)
                    {
                        app.UseForwardedHeaders();
                        app.UseHttpsRedirection();
                    }
                }
                """,
            CodeActionEquivalenceKey = ForwardedHeadersOrderCodeFixProvider.MoveBeforeDependentMiddlewareKey,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task FixAllAcrossDocumentsOfAProject()
    {
        // The verifier applies Fix All at document, project and solution scope; two files need the project scope.
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersOrderCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersRegisteredTooLate)
        {
            CodeActionEquivalenceKey = ForwardedHeadersOrderCodeFixProvider.MoveBeforeDependentMiddlewareKey,
        };
        test.TestState.Sources.Add(("Api.cs", """
            using Microsoft.AspNetCore.Builder;

            static class Api
            {
                static void Configure(IApplicationBuilder app)
                {
                    app.UseRateLimiter();
                    {|CIP0005:app.UseForwardedHeaders()|};
                }
            }
            """));
        test.TestState.Sources.Add(("Site.cs", """
            using Microsoft.AspNetCore.Builder;

            static class Site
            {
                static void Configure(IApplicationBuilder app)
                {
                    app.UseHsts();
                    {|CIP0005:app.UseForwardedHeaders()|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Api.cs", """
            using Microsoft.AspNetCore.Builder;

            static class Api
            {
                static void Configure(IApplicationBuilder app)
                {
                    app.UseForwardedHeaders();
                    app.UseRateLimiter();
                }
            }
            """));
        test.FixedState.Sources.Add(("Site.cs", """
            using Microsoft.AspNetCore.Builder;

            static class Site
            {
                static void Configure(IApplicationBuilder app)
                {
                    app.UseForwardedHeaders();
                    app.UseHsts();
                }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task TwoLateRegistrationsBeforeTheSameMiddlewareMoveInOnePassAndKeepTheirOrder()
    {
        // Both go before UseRateLimiter (each changes the client address it partitions by); the batch fixer's merge of the two moves needed a second run.
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersOrderCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersRegisteredTooLate)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                static class Pipeline
                {
                    static void Configure(WebApplication app)
                    {
                        app.UseRateLimiter();
                        {|CIP0005:app.UseForwardedHeaders()|};
                        {|CIP0005:app.UseClientIp()|};
                        app.MapGet("/", () => "ok");
                    }
                }
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;

                static class Pipeline
                {
                    static void Configure(WebApplication app)
                    {
                        app.UseForwardedHeaders();
                        app.UseClientIp();
                        app.UseRateLimiter();
                        app.MapGet("/", () => "ok");
                    }
                }
                """,
            CodeActionEquivalenceKey = ForwardedHeadersOrderCodeFixProvider.MoveBeforeDependentMiddlewareKey,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
        };
        return test.RunAsync();
    }

    private static Task Verify(string source, string fixedSource)
    {
        var test = new Verifier<ClientIpAnalyzer, ForwardedHeadersOrderCodeFixProvider>.CodeFixTest(DiagnosticIds.ForwardedHeadersRegisteredTooLate)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = ForwardedHeadersOrderCodeFixProvider.MoveBeforeDependentMiddlewareKey,
        };
        return test.RunAsync();
    }
}
