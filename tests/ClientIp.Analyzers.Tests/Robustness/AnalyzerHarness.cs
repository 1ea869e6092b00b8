using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Tests.Robustness;

/// <summary>
/// Runs analyzers over sources outside the test framework and collects every analyzer exception, whether it arrives
/// through <c>onAnalyzerException</c> or as an AD0001 diagnostic. One base compilation is reused, so the ASP.NET Core
/// reference symbols are loaded once.
/// </summary>
internal sealed class AnalyzerHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly Regex Markup = new(@"\{\|[^:|{}]*:|\|\}|\[\||\|\]", RegexOptions.Compiled);

    private readonly CSharpCompilation _base;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

    public AnalyzerHarness(IEnumerable<DiagnosticAnalyzer> analyzers, bool withAspNetCore = true)
    {
        _analyzers = analyzers.ToImmutableArray();
        var references = withAspNetCore ? TestReferences.AspNetCore.Add(TestReferences.ClientIpResolver) : TestReferences.AspNetCore.Where(IsCoreLibrary).ToImmutableArray();
        _base = CSharpCompilation.Create(
            "Robustness",
            references: references,
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The analyzers exported by the ClientIp.Analyzers assembly, one instance of each.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> ShippedAnalyzers { get; } = typeof(DiagnosticIds).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), false))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Test markup (<c>{|CIP0001:...|}</c>, <c>[|...|]</c>, <c>{|#0:...|}</c>) removed.</summary>
    public static string StripMarkup(string markup) => Markup.Replace(markup, string.Empty);

    /// <summary>
    /// Analyzes each source in its own syntax tree (several per compilation) and returns a description of every
    /// analyzer failure, empty when none threw. Also returns the diagnostics the analyzers reported.
    /// </summary>
    public (IReadOnlyList<string> Failures, IReadOnlyList<Diagnostic> Diagnostics) Run(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        var failures = new ConcurrentBag<string>();
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs", cancellationToken: cancellationToken)).ToArray();
        var compilation = _base.AddSyntaxTrees(trees);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => failures.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}\n{diagnostic.Location.SourceTree?.ToString()}\n{exception.StackTrace}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = compilation.WithAnalyzers(_analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            failures.Add(diagnostic.ToString());
        }

        return (failures.ToArray(), diagnostics);
    }

    private static bool IsCoreLibrary(MetadataReference reference) =>
        reference.Display is { } path && !path.Contains("Microsoft.AspNetCore", StringComparison.Ordinal) && !path.Contains("Microsoft.Extensions", StringComparison.Ordinal);
}
