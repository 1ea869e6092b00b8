using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using ClientIp.Analyzers.Configuration;
using ClientIp.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>One <c>dotnet format analyzers</c> run over all five rules, as the tool applies fixes.</summary>
public class DotnetFormatRunTests
{
    private static readonly string[] AllRules = { "CIP0001", "CIP0002", "CIP0003", "CIP0004", "CIP0005" };

    private static readonly ImmutableArray<CodeFixProvider> Fixers = ImmutableArray.Create<CodeFixProvider>(
        new ClientIpReadCodeFixProvider(), new ForwardedHeadersTrustCodeFixProvider(), new ForwardedHeadersOrderCodeFixProvider());

    [Fact]
    public async Task ACip0004WithoutAFixFirstStillGivesAFixAllActionThatFixesTheOthers()
    {
        var document = FixRunner.CreateDocument("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.Configure<ClientIp.ClientIpOptions>(o => o.UnsafeTrustEveryPeer = true);
                    services.Configure<ForwardedHeadersOptions>(options =>
                    {
                        options.KnownProxies.Clear();
                        options.KnownIPNetworks.Clear();
                    });
                }
            }
            """);

        var result = await DotnetFormatRun.RunAsync(document.Project.Solution, ReadFixVerifier.PackageAnalyzers, Fixers, AllRules);

        Assert.Empty(result.MissingFixAllActions);
        var remaining = await AnalyzeAsync(result.Solution);
        Assert.Equal(new[] { "CIP0004" }, remaining.Select(d => d.Id)); // the opt-in, which only the user can decide
        Assert.Contains("UnsafeTrustEveryPeer = true", remaining[0].Location.SourceTree!.GetText().GetSubText(remaining[0].Location.SourceSpan).ToString());
    }

    [Fact]
    public async Task OneRunLeavesNoReadOrderDiagnosticInARealisticFile()
    {
        var document = FixRunner.CreateDocument("""
            using System.Linq;
            using System.Net;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : ControllerBase
            {
                [HttpPost("/login")]
                public IActionResult Login([FromHeader(Name = "X-Forwarded-For")] string? forwardedFor)
                {
                    var ip = forwardedFor?.Split(',').FirstOrDefault()?.Trim() ?? HttpContext.Connection.RemoteIpAddress?.ToString();
                    return Ok(ip);
                }

                [HttpGet("/audit")]
                public IActionResult Audit()
                {
                    var peer = HttpContext.Connection.RemoteIpAddress;
                    var forwarded = Request.Headers["X-Forwarded-For"].ToString().Split(',')[0];
                    var real = Request.Headers["X-Forwarded-For"].FirstOrDefault();
                    return Ok($"{peer} {forwarded} {real}");
                }
            }

            static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseAuthentication();
                    app.UseForwardedHeaders();
                    app.UseClientIp();
                    app.MapGet("/who", (HttpContext ctx) => ctx.Request.Headers["X-Forwarded-For"].ToString());
                }
            }
            """);
        Assert.Contains((await AnalyzeAsync(document.Project.Solution)).Select(d => d.Id), id => id == "CIP0005");

        var result = await DotnetFormatRun.RunAsync(document.Project.Solution, ReadFixVerifier.PackageAnalyzers, Fixers, AllRules);

        Assert.Empty(result.MissingFixAllActions);
        var fixedDocument = result.Solution.GetDocument(document.Id)!;
        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.True((await AnalyzeAsync(result.Solution)).IsEmpty, text);
        Assert.True((await FixRunner.CompilerErrorsAsync(fixedDocument)).IsEmpty, text);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Solution solution)
    {
        var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
        return (await compilation.WithAnalyzers(ReadFixVerifier.PackageAnalyzers).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id.StartsWith("CIP", System.StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }
}
