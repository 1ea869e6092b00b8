using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ClientIp.Analyzers.Tests.Infrastructure;

/// <summary>
/// The one place that configures analyzer and code-fix tests: ASP.NET Core references, the latest C# version,
/// nullable enabled, and optionally the ClientIp resolver assembly.
/// </summary>
public static class Verifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic expected from <typeparamref name="TAnalyzer"/> with the given id.</summary>
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    /// <summary>Runs the analyzer over <paramref name="source"/> and compares with <paramref name="expected"/> (and markup spans).</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An analyzer test with the project's references; add sources, options or expectations before running.</summary>
    public sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest() => TestSetup.Configure(this, withResolver: true);
    }

    /// <summary>An analyzer test for a project without ASP.NET Core (and without the resolver): .NET references only.</summary>
    public sealed class NoAspNetCoreTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public NoAspNetCoreTest() => TestSetup.Configure(this, withResolver: false, withAspNetCore: false);
    }
}

/// <summary>Code-fix tests for <typeparamref name="TAnalyzer"/> and <typeparamref name="TCodeFix"/>.</summary>
public static class Verifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>A diagnostic expected from <typeparamref name="TAnalyzer"/> with the given id.</summary>
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    /// <summary>Applies the fix to <paramref name="source"/> and compares with <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new CodeFixTest { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A code-fix test with the project's references and the resolver assembly.</summary>
    public sealed class CodeFixTest : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public CodeFixTest() => TestSetup.Configure(this, withResolver: true);
    }
}

internal static class TestSetup
{
    public static void Configure<TTest>(TTest test, bool withResolver, bool withAspNetCore = true)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        test.ReferenceAssemblies = TestReferences.None;

        // CIP0005 has two descriptors (late registration, two middlewares): markup names the id, the message tells them apart.
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        test.TestState.AdditionalReferences.AddRange(withAspNetCore ? TestReferences.AspNetCore : TestReferences.NetCoreOnly);
        if (withResolver)
        {
            test.TestState.AdditionalReferences.Add(TestReferences.ClientIpResolver);
        }

        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var parse = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
            var compilation = ((CSharpCompilationOptions)project.CompilationOptions!)
                .WithNullableContextOptions(NullableContextOptions.Enable);
            return solution.WithProjectParseOptions(projectId, parse).WithProjectCompilationOptions(projectId, compilation);
        });
    }
}
