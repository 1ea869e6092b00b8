using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using ClientIp.AnalyzerCost.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.AnalyzerCost.InProcess;

/// <summary>
/// Our analyzer's callbacks alone, timed in thread CPU time: the generated app's calls, property references and
/// attribute lists are collected once (bound by the compiler's driver), then handed straight to the callbacks our
/// analyzer registers, round after round, one build of ours after the other. What the compiler does around a callback
/// (binding, building operations, dispatching, timing) and what the rest of the machine does are outside the measure,
/// so two builds of ours compare within a few percent where the build's own timing (wall time, shared cores) moves by
/// tens of percent. The first round of each build pays its one-time costs (look-ups, the forwarding scan, helper
/// summaries, JIT) and is shown apart; later rounds reuse the compilation's caches, so they measure the per-operation
/// work, which is most of a large app's cost.
/// </summary>
internal static class CallbackCost
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    public static int Run(string repository, string ours, string? versus, string? resolver, int files, int seed, ProjectKind kind, bool everyShape, int rounds)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("callbacks mode reads the thread CPU clock of Linux");
        }

        var (compilation, _, summary, _) = InProcessCost.BuildCompilation(repository, resolver, files, seed, kind, everyShape, serial: true);
        var work = Work.Collect(compilation);
        Console.WriteLine($"{kind}: {summary.Files} files; {work.Operations.Count} calls and property references, {work.AttributeLists.Count} attribute lists");

        var paths = versus is null ? new[] { ours } : new[] { ours, versus };
        var sides = paths.Select(path => Callbacks.Capture(InProcessCost.Load(path, isolated: true), compilation)).ToArray();
        var seconds = sides.Select(_ => new List<double>()).ToArray();
        var reported = new int[sides.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < sides.Length; i++)
            {
                // Alternate which build goes first, so neither always meets the heap the other left.
                var side = round % 2 == 0 ? i : sides.Length - 1 - i;
                var start = ThreadCpuSeconds();
                reported[side] = sides[side].RunOnce(work, compilation);
                seconds[side].Add(ThreadCpuSeconds() - start);
            }
        }

        var output = new StringBuilder().AppendLine().AppendLine("| Build | First round | Median of the later rounds | Later rounds | Diagnostics per round |").AppendLine("|---|---:|---:|---|---:|");
        for (var i = 0; i < sides.Length; i++)
        {
            var later = seconds[i].Skip(1).ToList();
            output.AppendLine($"| {(i == 0 ? "ours" : "versus")}: {paths[i]} | {Ms(seconds[i][0])} | {(later.Count > 0 ? Ms(Median(later)) : "-")} | {string.Join(", ", later.Select(Ms))} | {reported[i]} |");
        }

        if (sides.Length == 2 && rounds > 1)
        {
            var ratios = Enumerable.Range(1, rounds - 1).Select(r => seconds[1][r] / seconds[0][r]).ToList();
            output.AppendLine().AppendLine($"Versus / ours, median of the later rounds' ratios: {Median(ratios).ToString("0.000", CultureInfo.InvariantCulture)} (each round: {string.Join(", ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))})");
        }

        Console.Write(output.ToString());
        return 0;
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double ThreadCpuSeconds()
    {
        if (clock_gettime(ClockThreadCpuTime, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return time.Seconds + time.Nanoseconds / 1e9;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>What the callbacks are handed: every call and property reference (with its containing symbol) and every attribute list.</summary>
    private sealed class Work
    {
        public List<(IOperation Operation, ISymbol Symbol)> Operations { get; } = [];
        public List<(SyntaxNode Node, ISymbol? Symbol, SemanticModel Model)> AttributeLists { get; } = [];

        public static Work Collect(Compilation compilation)
        {
            var work = new Work();
            var collector = new Collector(work);
            compilation.WithAnalyzers([collector], new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return work;
        }

#pragma warning disable RS1001, RS1025, RS1026, RS2008 // a collector for this tool, never shipped
        private sealed class Collector(Work work) : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Unused = new("COLLECT", "collect", "collect", "bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Unused];

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterOperationAction(c => work.Operations.Add((c.Operation, c.ContainingSymbol)), OperationKind.Invocation, OperationKind.PropertyReference);
                context.RegisterSyntaxNodeAction(c => work.AttributeLists.Add((c.Node, c.ContainingSymbol, c.SemanticModel)), SyntaxKind.AttributeList);
            }
        }
#pragma warning restore RS1001, RS1025, RS1026, RS2008
    }

    /// <summary>One build of ours: the actions its compilation-start action registers, called directly.</summary>
    private sealed class Callbacks
    {
        private readonly Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> _operationActions = [];
        private readonly List<Action<SyntaxNodeAnalysisContext>> _attributeListActions = [];
        private readonly Func<Diagnostic, bool> _supported;
        private readonly Action<Diagnostic> _report;
        private int _reported;

        private Callbacks(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            _supported = d => ids.Contains(d.Id);
            // One delegate for every round: the context locks it on each report, and a new object's first lock is the dear one.
            _report = _ => _reported++;
        }

        public static Callbacks Capture(ImmutableArray<DiagnosticAnalyzer> analyzers, Compilation compilation)
        {
            var callbacks = new Callbacks(analyzers);
            foreach (var analyzer in analyzers)
            {
                var context = new CapturingContext();
                analyzer.Initialize(context);
                foreach (var start in context.StartActions)
                {
                    start(new CapturingStartContext(callbacks, compilation));
                }
            }

            return callbacks;
        }

        // The contexts' public constructors are obsolete for analyzers' own use (the driver's are internal); this tool is the
        // one place that must call a callback without the driver.
#pragma warning disable CS0618
        public int RunOnce(Work work, Compilation compilation)
        {
            _reported = 0;
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            var report = _report;
            foreach (var (operation, symbol) in work.Operations)
            {
                if (_operationActions.TryGetValue(operation.Kind, out var actions))
                {
                    var context = new OperationAnalysisContext(operation, symbol, compilation, options, report, _supported, CancellationToken.None);
                    foreach (var action in actions)
                    {
                        action(context);
                    }
                }
            }

            foreach (var (node, symbol, model) in work.AttributeLists)
            {
                var context = new SyntaxNodeAnalysisContext(node, symbol, model, options, report, _supported, CancellationToken.None);
                foreach (var action in _attributeListActions)
                {
                    action(context);
                }
            }

            return _reported;
        }
#pragma warning restore CS0618

        private sealed class CapturingContext : AnalysisContext
        {
            public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = [];

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

            public override void EnableConcurrentExecution()
            {
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();
            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();
            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();
            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();
            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();
            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();
            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
        }

        private sealed class CapturingStartContext(Callbacks callbacks, Compilation compilation)
            : CompilationStartAnalysisContext(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)
        {
            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            {
                foreach (var kind in operationKinds)
                {
                    (callbacks._operationActions.TryGetValue(kind, out var list) ? list : callbacks._operationActions[kind] = []).Add(action);
                }
            }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            {
                if (syntaxKinds is [SyntaxKind.AttributeList])
                {
                    callbacks._attributeListActions.Add(action);
                    return;
                }

                throw Unsupported();
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported();
            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();
            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();
            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();
            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();
            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();
        }

        private static NotSupportedException Unsupported() =>
            new("this measure knows the registrations ClientIpAnalyzer makes (calls, property references, attribute lists); update it with the analyzer");
    }
}
