using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Tests.Infrastructure;

public class TestReferencesTests
{
    [Fact]
    public void AspNetCoreSourceCompilesAgainstTheTestReferences()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.HttpOverrides;

            class C
            {
                string? M(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() + ctx.Request.Headers["X-Real-IP"];
                void N(WebApplication app) => app.UseForwardedHeaders(new ForwardedHeadersOptions());
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Smoke",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.AspNetCore.Add(TestReferences.ClientIpResolver),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

        Assert.Empty(errors);
    }
}

public class VerifierSetupTests
{
    [Fact]
    public async Task VerifierCompilesAspNetCoreAndClientIpSourcesWithoutErrors()
    {
        // The verifier fails on any compiler error, so this proves the references and language settings are complete.
        const string source = """
            using Microsoft.AspNetCore.Http;

            class C
            {
                object? M(HttpContext ctx) => ctx.Request.Headers["X-Real-IP"].ToString() ?? (object?)new ClientIp.ClientIpOptions();
            }
            """;

        await Verifier<NoDiagnosticsAnalyzer>.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task VerifierReportsACompilerErrorInTheSource()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            Verifier<NoDiagnosticsAnalyzer>.VerifyAnalyzerAsync("class C { UnknownType M() => null!; }"));

        Assert.Contains("CS0246", ex.Message);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NoDiagnosticsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }
}
