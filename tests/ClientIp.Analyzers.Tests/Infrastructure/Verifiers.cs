using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

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

    /// <summary>
    /// Runs one rule of <typeparamref name="TAnalyzer"/> over <paramref name="source"/>: the analyzer's other ids are
    /// suppressed (as <c>/nowarn</c> would), so an analyzer that hosts several rules is tested rule by rule.
    /// </summary>
    public static Task VerifyRuleAsync(string ruleId, string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest(ruleId) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An analyzer test with the project's references; add sources, options or expectations before running.</summary>
    public sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest() => TestSetup.Configure(this, withResolver: true);

        /// <summary>A test of the rule <paramref name="ruleId"/> alone (see <see cref="VerifyRuleAsync"/>).</summary>
        public AnalyzerTest(string ruleId)
            : this() => TestSetup.SelectRule(this, new TAnalyzer(), ruleId);
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

        /// <summary>A code-fix test of the rule <paramref name="ruleId"/> alone: the analyzer's other ids are suppressed.</summary>
        public CodeFixTest(string ruleId)
            : this() => TestSetup.SelectRule(this, new TAnalyzer(), ruleId);
    }
}

internal static class TestSetup
{
    /// <summary>Suppresses every id of <paramref name="analyzer"/> but <paramref name="ruleId"/> (one analyzer hosts several rules).</summary>
    public static void SelectRule<TTest>(TTest test, DiagnosticAnalyzer analyzer, string ruleId)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        Assert.Contains(analyzer.SupportedDiagnostics, d => d.Id == ruleId);
        foreach (var descriptor in analyzer.SupportedDiagnostics)
        {
            if (descriptor.Id != ruleId && !test.DisabledDiagnostics.Contains(descriptor.Id))
            {
                test.DisabledDiagnostics.Add(descriptor.Id);
            }
        }
    }

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
