using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace ClientIp.Analyzers.Tests.Performance;

/// <summary>
/// Analyzers run in every build and on every keystroke, so in a compilation without the frameworks they understand they
/// must stop in their compilation-start action and register nothing else. Checked with the compiler's own telemetry
/// (<see cref="CompilationWithAnalyzers.GetAnalyzerTelemetryInfoAsync"/>), which counts the actions each analyzer
/// registered. The cost in a real build is measured by bench/analyzer-cost.
/// </summary>
public class CompilationStartGatingTests
{
    // Ordinary library code, including the shapes the rules look for, but on plain strings and dictionaries.
    private const string LibrarySource = """
        using System;
        using System.Collections.Generic;
        using System.Linq;

        public sealed class AccessLog
        {
            private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

            public string Client(string line)
            {
                foreach (var pair in line.Split('\t').Select(p => p.Split(':', 2)).Where(p => p.Length == 2))
                {
                    _headers[pair[0].Trim()] = pair[1].Trim();
                }

                return _headers.TryGetValue("X-Forwarded-For", out var value) ? value.Split(',')[0].Trim() : "-";
            }
        }
        """;

    private const string AspNetCoreSource = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/", (HttpContext ctx) => ctx.Request.Headers.UserAgent.ToString());
        }
        """;

    private const string HttpListenerSource = """
        using System.Net;

        public static class Server
        {
            public static string? Client(HttpListenerContext context) =>
                context.Request.Headers["X-Real-IP"] ?? context.Request.RemoteEndPoint.Address.ToString();
        }
        """;

    private const string InboundRequestMessageSource = """
        using System.Linq;
        using System.Net.Http;

        public static class Handler
        {
            public static string Client(HttpRequestMessage request) =>
                request.Headers.TryGetValues("X-Forwarded-For", out var values) ? values.Last() : "-";
        }
        """;

    // Reference assemblies with no web stack at all: no ASP.NET Core, no HttpListener, no HttpClient headers.
    private static readonly string[] CoreLibraryFiles = ["System.Runtime.dll", "System.Collections.dll", "System.Linq.dll"];

    // One row per rule id: an analyzer may host several rules (issue 15), each must stay idle where it has nothing to do.
    public static TheoryData<string> RuleIds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var id in AnalyzerTypes().SelectMany(t => Create(t).SupportedDiagnostics).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal))
            {
                data.Add(id);
            }

            return data;
        }
    }

    [Fact]
    public void TheAnalyzerAssemblyHasAnalyzersToCheck()
    {
        Assert.NotEmpty(AnalyzerTypes());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task WithoutAnyWebFrameworkReferencedRegistersNothingAfterCompilationStart(string ruleId)
    {
        var references = TestReferences.AspNetCore.Where(r => CoreLibraryFiles.Contains(Path.GetFileName(r.Display)));

        var telemetry = await TelemetryAsync(AnalyzerOf(ruleId), LibrarySource, references);

        Assert.Equal(string.Empty, ActionsAfterStart(telemetry));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task WithoutAspNetCoreRegistersNothingAfterCompilationStart(string ruleId)
    {
        // Every .NET project references HttpListener and HttpClient (Microsoft.NETCore.App). A library that does not
        // use them, like this one, must not wake any rule up, though its text has a client-IP header in it.
        var telemetry = await TelemetryAsync(AnalyzerOf(ruleId), LibrarySource, TestReferences.NetCoreOnly);

        Assert.Equal(string.Empty, ActionsAfterStart(telemetry));
    }

    [Theory]
    [InlineData(DiagnosticIds.RemoteAddressUsedAsClient, HttpListenerSource)]
    [InlineData(DiagnosticIds.UnguardedClientIpHeaderRead, HttpListenerSource)]
    [InlineData(DiagnosticIds.UnguardedClientIpHeaderRead, InboundRequestMessageSource)]
    public async Task WithoutAspNetCoreTheReadRulesWakeUpForHttpListenerAndHttpRequestMessage(string ruleId, string source)
    {
        // The control for the test above: those stacks are still covered when the code uses them.
        var telemetry = await TelemetryAsync(AnalyzerOf(ruleId), source, TestReferences.NetCoreOnly);

        Assert.NotEqual(string.Empty, ActionsAfterStart(telemetry));
    }

    [Theory]
    [InlineData(DiagnosticIds.RemoteAddressUsedAsClient, "System.Web.Http")]
    [InlineData(DiagnosticIds.UnguardedClientIpHeaderRead, "System.Web.Http")]
    [InlineData(DiagnosticIds.LeftmostForwardedForEntry, "Microsoft.AspNetCore.Http.Abstractions")]
    public async Task AWebStackAssemblyWakesTheReadRulesUpByItsNameAlone(string ruleId, string assemblyName)
    {
        // Relevance is first decided from the referenced assemblies' names (no type look-up at compilation start, issue
        // 15): an assembly of that name counts even when it defines none of the types, unlike the System.Web facade
        // every .NET project references (the test above).
        var stub = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText("namespace Stub { public sealed class Marker { } }")], TestReferences.NetCoreOnly,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(stub.Emit(image).Success);

        var telemetry = await TelemetryAsync(AnalyzerOf(ruleId), LibrarySource, TestReferences.NetCoreOnly.Add(MetadataReference.CreateFromImage(image.ToArray())));

        Assert.NotEqual(string.Empty, ActionsAfterStart(telemetry));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task WithAspNetCoreReferencedRegistersItsActions(string ruleId)
    {
        // The control for the tests above: the telemetry does see the actions when there is something to analyze.
        var telemetry = await TelemetryAsync(AnalyzerOf(ruleId), AspNetCoreSource, TestReferences.AspNetCore.Add(TestReferences.ClientIpResolver));

        Assert.NotEqual(string.Empty, ActionsAfterStart(telemetry));
    }

    private static IReadOnlyList<Type> AnalyzerTypes() =>
        typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static DiagnosticAnalyzer Create(Type type) => (DiagnosticAnalyzer)Activator.CreateInstance(type)!;

    // The shipped analyzer that reports the rule.
    private static DiagnosticAnalyzer AnalyzerOf(string ruleId) =>
        AnalyzerTypes().Select(Create).Single(a => a.SupportedDiagnostics.Any(d => d.Id == ruleId));

    private static async Task<AnalyzerTelemetryInfo> TelemetryAsync(DiagnosticAnalyzer analyzer, string source, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            "Gating",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var withAnalyzers = compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }

    // The registered actions other than compilation-start ones, e.g. "OperationActions: 2", or "" when there are none.
    private static string ActionsAfterStart(AnalyzerTelemetryInfo telemetry)
    {
        var counts = new (string Kind, int Count)[]
        {
            ("CompilationActions", telemetry.CompilationActionsCount),
            ("CompilationEndActions", telemetry.CompilationEndActionsCount),
            ("SyntaxTreeActions", telemetry.SyntaxTreeActionsCount),
            ("AdditionalFileActions", telemetry.AdditionalFileActionsCount),
            ("SemanticModelActions", telemetry.SemanticModelActionsCount),
            ("SymbolActions", telemetry.SymbolActionsCount),
            ("SymbolStartActions", telemetry.SymbolStartActionsCount),
            ("SymbolEndActions", telemetry.SymbolEndActionsCount),
            ("SyntaxNodeActions", telemetry.SyntaxNodeActionsCount),
            ("CodeBlockStartActions", telemetry.CodeBlockStartActionsCount),
            ("CodeBlockEndActions", telemetry.CodeBlockEndActionsCount),
            ("CodeBlockActions", telemetry.CodeBlockActionsCount),
            ("OperationActions", telemetry.OperationActionsCount),
            ("OperationBlockStartActions", telemetry.OperationBlockStartActionsCount),
            ("OperationBlockEndActions", telemetry.OperationBlockEndActionsCount),
            ("OperationBlockActions", telemetry.OperationBlockActionsCount),
            ("SuppressionActions", telemetry.SuppressionActionsCount),
        };
        return string.Join(", ", counts.Where(c => c.Count > 0).Select(c => $"{c.Kind}: {c.Count}"));
    }
}
