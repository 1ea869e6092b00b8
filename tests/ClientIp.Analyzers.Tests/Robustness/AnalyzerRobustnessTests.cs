using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Tests.Robustness;

/// <summary>
/// No analyzer may throw, whatever the code looks like: every source of every case collection truncated at many points
/// (code as it looks while someone types it), a set of malformed snippets, and an empty file.
/// </summary>
public class AnalyzerRobustnessTests
{
    private const int Step = 7;
    private const int TokenBoundaryLimit = 400;
    private const int TreesPerCompilation = 24;

    public static IEnumerable<object[]> Analyzers => AnalyzerHarness.ShippedAnalyzers.Select(a => new object[] { a.GetType().Name });

    [Fact]
    public void TheCatalogAndTheAnalyzersAreNotEmpty()
    {
        // Without cases or analyzers the robustness test below would pass without checking anything.
        Assert.True(CaseCatalog.All.Count >= 20, $"only {CaseCatalog.All.Count} cases in the catalog");
        Assert.Contains(AnalyzerHarness.ShippedAnalyzers, a => a.SupportedDiagnostics.Any(d => d.Id == DiagnosticIds.ForwardedHeadersTrustEveryone));
        Assert.Contains(AnalyzerHarness.ShippedAnalyzers, a => a.SupportedDiagnostics.Any(d => d.Id == DiagnosticIds.ForwardedHeadersRegisteredTooLate));
    }

    [Fact]
    public void NoAnalyzerThrowsOnAnyTruncationOfAnyCase()
    {
        var prefixes = CaseCatalog.All
            .Select(c => AnalyzerHarness.StripMarkup(c.Markup))
            .Distinct(StringComparer.Ordinal)
            .SelectMany(Truncations)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(prefixes.Count > 1000, $"only {prefixes.Count} truncated sources");

        var failures = RunInBatches(new AnalyzerHarness(AnalyzerHarness.ShippedAnalyzers), prefixes);

        Assert.True(failures.Count == 0, $"{failures.Count} analyzer failure(s) over {prefixes.Count} truncated sources; first:\n{failures.FirstOrDefault()}");
    }

    [Fact]
    public void NoAnalyzerThrowsOnMalformedCode()
    {
        var failures = RunInBatches(new AnalyzerHarness(AnalyzerHarness.ShippedAnalyzers), MalformedSnippets.All.ToList());

        Assert.True(failures.Count == 0, $"{failures.Count} analyzer failure(s); first:\n{failures.FirstOrDefault()}");
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public void EmptySourceReportsNothing(string analyzerName)
    {
        var analyzer = AnalyzerHarness.ShippedAnalyzers.Single(a => a.GetType().Name == analyzerName);
        foreach (var withAspNetCore in new[] { true, false })
        {
            var (failures, diagnostics) = new AnalyzerHarness(new[] { analyzer }, withAspNetCore).Run(new[] { string.Empty });

            Assert.Empty(failures);
            Assert.Empty(diagnostics);
        }
    }

    [Fact]
    public void TheHarnessCatchesAThrowingAnalyzer()
    {
        // Proves a throwing analyzer would make the tests above fail.
        var (failures, _) = new AnalyzerHarness(new DiagnosticAnalyzer[] { new ThrowingAnalyzer() }).Run(new[] { "class C { void M() { M(); } }" });

        Assert.Contains(failures, f => f.Contains(nameof(ThrowingAnalyzer), StringComparison.Ordinal));
    }

    [Fact]
    public void TruncationsCoverEveryStepAndTokenBoundaries()
    {
        const string source = "class C { int M() => 42; }";
        var prefixes = Truncations(source).ToList();

        Assert.Contains("class C { int M() => 42; }", prefixes);
        Assert.Contains("class C { int M() => ", prefixes);   // a token boundary
        Assert.Contains(source.Substring(0, 14), prefixes);     // a 7-character step
        Assert.Contains(string.Empty, prefixes);
    }

    // Every Step characters, the whole source, and every token boundary of a short source.
    private static IEnumerable<string> Truncations(string source)
    {
        for (var length = 0; length < source.Length; length += Step)
        {
            yield return source.Substring(0, length);
        }

        yield return source;
        if (source.Length <= TokenBoundaryLimit)
        {
            foreach (var token in CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens())
            {
                yield return source.Substring(0, token.FullSpan.End);
                yield return source.Substring(0, token.Span.Start);
            }
        }
    }

    private static List<string> RunInBatches(AnalyzerHarness harness, IReadOnlyList<string> sources)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var batches = Enumerable.Range(0, (sources.Count + TreesPerCompilation - 1) / TreesPerCompilation)
            .Select(i => sources.Skip(i * TreesPerCompilation).Take(TreesPerCompilation).ToList())
            .ToList();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            foreach (var failure in harness.Run(batch).Failures)
            {
                failures.Add(failure);
            }
        });
        return failures.ToList();
    }

#pragma warning disable RS1001, RS1025, RS1026 // a deliberately broken test analyzer
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context) =>
            context.RegisterOperationAction(_ => throw new InvalidOperationException("boom"), OperationKind.Invocation);
    }
#pragma warning restore RS1001, RS1025, RS1026
}
