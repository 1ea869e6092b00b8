using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Reads;
using ClientIp.Analyzers.Tests.Cases;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using static ClientIp.Analyzers.Tests.Cases.CaseSources;

namespace ClientIp.Analyzers.Tests.Reads;

/// <summary>Options, framework detection, generated code and the properties the code fix relies on.</summary>
public class ReadAnalyzerBehaviourTests
{
    private const string PeerRead = """
        static class Endpoints
        {
            public static string? Client(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString();
        }
        """;

    private const string HeaderRead = """
        static class Headers
        {
            public static string Client(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString();
        }
        """;

    private const string LoggedOnly = """
        static class Diagnostics
        {
            public static void Trace(HttpContext ctx, ILogger logger)
            {
                logger.LogInformation("Peer {Peer}", {|CIP0001:ctx.Connection.RemoteIpAddress|});
                logger.LogInformation("Real IP {Ip}", {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString());
                logger.LogInformation("Claimed {Ip}", {|CIP0003:ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|});
            }
        }
        """;

    [Fact]
    public async Task EditorConfigOptionSaysTheHostConfiguresForwardedHeaders()
    {
        var test = new ReadAnalyzersTest { TestCode = Web(Unmarked(PeerRead)) };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            clientip.CIP0001.forwarded_headers_configured_by_host = true
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task HostOptionSetToFalseStillReports()
    {
        var test = new ReadAnalyzersTest { TestCode = Web(PeerRead) };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            clientip.CIP0001.forwarded_headers_configured_by_host = false
            """));

        await test.RunAsync(CancellationToken.None);
    }

    private const string UseForwardedHeadersWithoutFlag = """
        static class Pipeline
        {
            public static void Configure(WebApplication app) => app.UseForwardedHeaders();
        }
        """;

    [Fact]
    public async Task TheFlagInAFileThatConfiguresForwardedHeadersOptionsCounts()
    {
        var test = new ReadAnalyzersTest { TestCode = Web(Unmarked(PeerRead)) };
        test.TestState.Sources.Add(Web(UseForwardedHeadersWithoutFlag));
        test.TestState.Sources.Add(Web("""
            static class Services
            {
                public static void Add(IServiceCollection services) =>
                    services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheFlagInAFileUnrelatedToForwardingConfigurationDoesNotCount()
    {
        var test = new ReadAnalyzersTest { TestCode = Web(PeerRead) };
        test.TestState.Sources.Add(Web(UseForwardedHeadersWithoutFlag));
        test.TestState.Sources.Add(Web("""
            static class Diagnostics
            {
                public static bool Mentions(ForwardedHeaders headers) => headers.HasFlag(ForwardedHeaders.XForwardedFor);
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AnAppsOwnTypeNamedForwardedHeadersOptionsDoesNotMakeTheFlagCount()
    {
        var test = new ReadAnalyzersTest { TestCode = Web(PeerRead) };
        test.TestState.Sources.Add(Web(UseForwardedHeadersWithoutFlag));
        test.TestState.Sources.Add(Web("""
            sealed class ForwardedHeadersOptions
            {
                public ForwardedHeaders Logged { get; set; } = ForwardedHeaders.XForwardedFor;
            }
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AUserProjectNamedClientIpIsNotTheLibrary()
    {
        var test = new ReadAnalyzersTest { TestCode = Web(PeerRead) };
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "ClientIp"));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CodeInAClientIpSubNamespaceIsTheLibrary()
    {
        var test = new ReadAnalyzersTest { TestCode = Web("namespace ClientIp.Internal;\n\n" + Unmarked(PeerRead)) };

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LoggingOnlyReadsAreQuietByDefault()
    {
        await new ReadAnalyzersTest { TestCode = Web(Unmarked(LoggedOnly)) }.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task GlobalConfigTurnsOnLoggingReadsForEveryRule()
    {
        var test = new ReadAnalyzersTest { TestCode = Web(LoggedOnly) };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            clientip.report_logging_reads = true
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PerRuleOptionTurnsOnLoggingReadsForThatRuleOnly()
    {
        var test = new ReadAnalyzersTest
        {
            TestCode = Web(LoggedOnly.Replace("{|CIP0001:", "").Replace("RemoteIpAddress|}", "RemoteIpAddress")
                .Replace("{|CIP0003:", "").Replace("[0]|}", "[0]")),
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            clientip.CIP0002.report_logging_reads = true
            """));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WithoutAspNetCoreHttpListenerReadsAreStillFound()
    {
        var test = new ReadAnalyzersTest(aspNetCore: false)
        {
            TestCode = """
                using System.Net;

                static class Listener
                {
                    public static string? Client(HttpListenerRequest request) => {|CIP0002:request.Headers["X-Real-IP"]|};

                    public static string Peer(HttpListenerRequest request) => {|CIP0001:request.RemoteEndPoint|}.ToString();
                }
                """,
        };

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WithoutAspNetCoreLookAlikeTypesAreNotReported()
    {
        // Same names as ASP.NET Core, different namespace: the analyzers match metadata names, not spellings.
        var test = new ReadAnalyzersTest(aspNetCore: false)
        {
            TestCode = """
                using System.Collections.Generic;

                class ConnectionInfo { public string? RemoteIpAddress { get; set; } }
                class HttpContext
                {
                    public ConnectionInfo Connection { get; } = new();
                    public Dictionary<string, string> Headers { get; } = new();
                }

                static class App
                {
                    public static string? Client(HttpContext ctx) => ctx.Headers["X-Forwarded-For"] ?? ctx.Connection.RemoteIpAddress;
                }
                """,
        };

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task EmptySourceReportsNothing()
    {
        await Verifier<ClientIpAnalyzer>.VerifyAnalyzerAsync(string.Empty);
        await new ReadAnalyzersTest(aspNetCore: false) { TestCode = string.Empty }.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task GeneratedCodeIsSkipped()
    {
        var test = new ReadAnalyzersTest();
        test.TestState.Sources.Add(("/0/Generated.g.cs", Web(Unmarked(PeerRead))));
        test.TestState.Sources.Add(("/0/AutoGenerated.cs", "// <auto-generated/>\n" + Web(Unmarked(HeaderRead))));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task MembersMarkedGeneratedCodeAreSkipped()
    {
        // A tool's output inside a handwritten file: the [GeneratedCode] attribute, not the file name, says so.
        var test = new ReadAnalyzersTest();
        test.TestState.Sources.Add(("/0/Mixed.cs", Web("""
            [System.CodeDom.Compiler.GeneratedCode("some-tool", "1.0")]
            static class GeneratedEndpoints
            {
                public static string? Peer(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString();

                public static string Header(HttpContext ctx) => ctx.Request.Headers["X-Real-IP"].ToString();
            }

            static class Handwritten
            {
                public static string Header(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Real-IP"]|}.ToString();
            }
            """)));

        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task GeneratedCodeCheckIsNotVacuous()
    {
        // The same sources under ordinary names are reported, so the test above can fail.
        var test = new ReadAnalyzersTest();
        test.TestState.Sources.Add(("/0/Handwritten.cs", Web(PeerRead)));
        test.TestState.Sources.Add(("/0/Handwritten2.cs", Web(HeaderRead)));

        await test.RunAsync(CancellationToken.None);
    }

    public static IEnumerable<object[]> PositiveCases =>
        RemoteAddressCases.Positive.Concat(HeaderReadCases.Positive).Concat(LeftmostEntryCases.Positive)
            .Concat(TrustedPeerCases.Positive).Concat(PatternCases.Positive).Concat(ReadShapeCases.Positive).Concat(QuietUseCases.Positive)
            .Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public async Task PropertiesCarryFactsNotAFixVerdict(AnalyzerCase @case)
    {
        // Whether a fix exists is the code fix's call (CatalogCaseFixTests); the analyzer only passes on the header name.
        var diagnostics = await AnalyzeAsync(@case.Markup);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d =>
            Assert.Equal(d.Id == "CIP0001" ? Array.Empty<string>() : new[] { DiagnosticProperties.HeaderName }, d.Properties.Keys.ToArray()));
    }

    [Fact]
    public async Task HeaderNameIsCanonicalWhateverTheSpelling()
    {
        var diagnostics = await AnalyzeAsync(Web("""
            static class Endpoints
            {
                private const string Header = "x-REAL-ip";

                public static string A(HttpContext ctx) => ctx.Request.Headers["x-forwarded-for"].ToString();
                public static string B(HttpContext ctx) => ctx.Request.Headers[Header].ToString();
                public static string C(HttpContext ctx) => ctx.Request.Headers["CF-CONNECTING-IP"].ToString().Split(',')[0];
            }
            """));

        Assert.Equal(
            new[] { "X-Forwarded-For", "X-Real-IP", "CF-Connecting-IP" },
            diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Properties[DiagnosticProperties.HeaderName]));
    }

    [Fact]
    public async Task LeftmostSelectionThroughALocalPointsBackAtTheRead()
    {
        var source = Web("""
            static class Endpoints
            {
                public static string Client(HttpContext ctx)
                {
                    var parts = ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',');
                    return parts[0];
                }
            }
            """);

        var diagnostic = Assert.Single(await AnalyzeAsync(source));

        Assert.Equal("CIP0003", diagnostic.Id);
        var additional = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("ctx.Request.Headers[\"X-Forwarded-For\"]", source.Substring(additional.SourceSpan.Start, additional.SourceSpan.Length));
    }

    private static string Unmarked(string markup)
    {
        TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        return source;
    }

    /// <summary>Runs the read rules over an unmarked copy of the source and returns their diagnostics.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string markup)
    {
        var compilation = CSharpCompilation.Create(
            "Cases",
            new[] { CSharpSyntaxTree.ParseText(Unmarked(markup), new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.AspNetCore,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation.WithAnalyzers(ReadAnalyzersTest.Analyzers).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => ReadAnalyzersTest.IsReadRule(d.Id)).ToImmutableArray();
    }
}
