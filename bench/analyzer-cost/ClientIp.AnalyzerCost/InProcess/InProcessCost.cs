using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using ClientIp.AnalyzerCost.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.AnalyzerCost.InProcess;

/// <summary>
/// A quick in-process measurement: generates the project, compiles it with <see cref="CSharpCompilation"/> against the
/// SDK's reference packs (found from the running runtime, no machine paths) and runs our analyzers next to the
/// ASP.NET Core framework analyzers with <c>logAnalyzerExecutionTime</c>. No MSBuild, no csc process: seconds instead of
/// minutes, so it is the loop for analyzer performance work. The full build (<c>bench/run.sh</c>) stays the reference.
/// </summary>
internal static class InProcessCost
{
    private static readonly string[] WebUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly string[] LibraryUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <param name="ours">ClientIp.Analyzers.dll to measure (a build of src/ClientIp.Analyzers).</param>
    /// <param name="frameworkAnalyzers">False to run ours alone (quick A/B of our own changes, no ratio).</param>
    /// <param name="resolver">ClientIp.dll, or null: without it the code-fix availability checks are skipped.</param>
    /// <param name="versus">
    /// Another ClientIp.Analyzers.dll, or null. When given, the runs alternate between <paramref name="ours"/> (even runs)
    /// and this one (odd runs), each loaded into its own load context, so that two builds meet the same process, heap and
    /// machine; compared by the medians of each side and of the per-pair differences.
    /// </param>
    /// <param name="serial">Bind on one thread (<c>concurrentBuild: false</c>): the compiler's binding threads no longer compete with the analyzers for the cores.</param>
    public static int Run(string repository, string ours, string? resolver, int files, int seed, ProjectKind kind, int runs, bool frameworkAnalyzers = true, bool everyShape = false, string? versus = null, bool serial = false)
    {
        var (compilation, trees, summary, aspNetPack) = BuildCompilation(repository, resolver, files, seed, kind, everyShape, serial);

        var loader = new Loader();
        // Each build of ours in its own load context: two builds share the assembly name. Roslyn comes from the default one.
        var ourSides = (versus is null ? new[] { ours } : new[] { ours, versus }).Select(path => Load(path, new Loader(isolated: true))).ToArray();
        var aspNetAnalyzers = aspNetPack is null || !frameworkAnalyzers
            ? ImmutableArray<DiagnosticAnalyzer>.Empty
            : Directory.EnumerateFiles(Path.Combine(aspNetPack, "..", "..", "analyzers", "dotnet", "cs"), "Microsoft.AspNetCore.*Analyzers.dll")
                .SelectMany(p => Load(p, loader)).ToImmutableArray();

        Console.WriteLine($"{kind}: {summary.Files} files, {summary.Lines} lines; compile errors (analyzers still run): {compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error)}");
        Console.WriteLine($"ours: {ours}" + (versus is null ? string.Empty : $"; versus (odd runs): {versus}"));
        var times = new Dictionary<DiagnosticAnalyzer, List<double>>();
        var ourDiagnostics = new string[ourSides.Length];
        var allocated = new List<double>();
        var ourTotals = new List<double>();
        var aspTotals = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var side = ourSides[run % ourSides.Length];
            var all = side.AddRange(aspNetAnalyzers);
            // A fresh compilation per run so no run reuses another's bound trees.
            var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
            var withAnalyzers = fresh.WithAnalyzers(all, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null,
                concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
            // Allocations are the one measure here the machine's load does not blur: the compiler allocates the same
            // for every run of the same trees, so two builds of our analyzers compare by this difference alone.
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0);
            double ourTotal = 0, aspTotal = 0;
            foreach (var analyzer in all)
            {
                var seconds = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds;
                (times.TryGetValue(analyzer, out var list) ? list : times[analyzer] = []).Add(seconds);
                if (side.Contains(analyzer))
                {
                    ourTotal += seconds;
                }
                else
                {
                    aspTotal += seconds;
                }
            }

            ourTotals.Add(ourTotal);
            aspTotals.Add(aspTotal);

            if (run < ourSides.Length)
            {
                ourDiagnostics[run] = string.Join(", ", diagnostics.Where(d => d.Id.StartsWith("CIP", StringComparison.Ordinal))
                    .GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            }
        }

        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture) + " s";
        string Runs(IEnumerable<double> values, Func<double, string> format) => string.Join(", ", values.Select(format));
        string Percent(double r) => r.ToString("P1", CultureInfo.InvariantCulture);
        var output = new StringBuilder().AppendLine().AppendLine($"| Analyzer | Median | Runs |").AppendLine("|---|---:|---|");
        for (var i = 0; i < ourSides.Length; i++)
        {
            foreach (var analyzer in ourSides[i])
            {
                output.AppendLine($"| {analyzer.GetType().FullName}{(versus is null ? string.Empty : i == 0 ? " (ours)" : " (versus)")} | {Seconds(Median(times[analyzer]))} | {Runs(times[analyzer], Seconds)} |");
            }
        }

        foreach (var analyzer in aspNetAnalyzers)
        {
            output.AppendLine($"| {analyzer.GetType().FullName} | {Seconds(Median(times[analyzer]))} | {Runs(times[analyzer], Seconds)} |");
        }

        for (var i = 0; i < ourSides.Length; i++)
        {
            var label = versus is null ? "Ours" : i == 0 ? "Ours (even runs)" : "Versus (odd runs)";
            var runsOfSide = Enumerable.Range(0, runs).Where(r => r % ourSides.Length == i).ToList();
            var ourSide = runsOfSide.Select(r => ourTotals[r]).ToList();
            var aspSide = runsOfSide.Select(r => aspTotals[r]).ToList();
            output.AppendLine($"| **{label}, total** | {Seconds(Median(ourSide))} | {Runs(ourSide, Seconds)} |");
            output.AppendLine($"| **ASP.NET Core framework analyzers, total{(versus is null ? string.Empty : i == 0 ? " (even runs)" : " (odd runs)")}** | {Seconds(Median(aspSide))} | {Runs(aspSide, Seconds)} |");
            if (aspNetAnalyzers.Length > 0)
            {
                var ratios = runsOfSide.Select(r => ourTotals[r] / aspTotals[r]).ToList();
                output.AppendLine($"| **{label.Split(' ')[0]} / ASP.NET Core** (goal ≤ 5 %) | {Percent(Median(ratios))} | {Runs(ratios, Percent)} |");
            }
        }

        if (versus is not null && runs >= 2)
        {
            // Pairs of neighbouring runs (ours, then versus): the machine changes less within a pair than across the process.
            var differences = Enumerable.Range(0, runs / 2).Select(p => ourTotals[2 * p + 1] - ourTotals[2 * p]).ToList();
            output.AppendLine($"| **Versus − ours, per pair** | {Seconds(Median(differences))} | {Runs(differences, Seconds)} |");
        }

        output.AppendLine().AppendLine($"Allocated per run (compilation and every analyzer run, MiB): {Runs(allocated, a => a.ToString("0.0", CultureInfo.InvariantCulture))}");
        for (var i = 0; i < ourSides.Length && i < runs; i++)
        {
            output.AppendLine($"{(i == 0 ? "Our" : "Versus")} diagnostics: {(ourDiagnostics[i].Length == 0 ? "none" : ourDiagnostics[i])}");
        }

        Console.Write(output.ToString());
        return 0;
    }

    /// <summary>The generated project as one compilation (its trees kept, so a run can start from unbound trees).</summary>
    internal static (CSharpCompilation Compilation, List<SyntaxTree> Trees, ProjectGenerator.Summary Summary, string? AspNetPack) BuildCompilation(
        string repository, string? resolver, int files, int seed, ProjectKind kind, bool everyShape, bool serial)
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var references = new List<MetadataReference>();
        references.AddRange(ReferencePack(dotnetRoot, "Microsoft.NETCore.App.Ref", out _).Select(p => MetadataReference.CreateFromFile(p)));
        var aspNetPack = (string?)null;
        if (kind == ProjectKind.Web)
        {
            references.AddRange(ReferencePack(dotnetRoot, "Microsoft.AspNetCore.App.Ref", out aspNetPack).Select(p => MetadataReference.CreateFromFile(p)));
            if (resolver is not null)
            {
                references.Add(MetadataReference.CreateFromFile(resolver));
            }
        }

        var temp = Path.Combine(Path.GetTempPath(), "clientip-inprocess-" + Guid.NewGuid().ToString("N"));
        ProjectGenerator.Summary summary;
        var trees = new List<SyntaxTree>();
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        try
        {
            summary = ProjectGenerator.Generate(new GeneratorOptions(temp, repository, files, seed, kind, EveryShape: everyShape));
            foreach (var path in Directory.EnumerateFiles(temp, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path));
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        var usings = string.Concat((kind == ProjectKind.Web ? WebUsings : LibraryUsings).Select(u => $"global using global::{u};\n"));
        trees.Add(CSharpSyntaxTree.ParseText(usings, parse, "GlobalUsings.g.cs"));
        var compilation = CSharpCompilation.Create(
            "Contoso.Shop",
            trees,
            references,
            new CSharpCompilationOptions(
                kind == ProjectKind.Web ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: !serial));

        return (compilation, trees, summary, aspNetPack);
    }

    /// <summary>The reference assemblies of the newest installed targeting pack for the running runtime's major version.</summary>
    private static IEnumerable<string> ReferencePack(string dotnetRoot, string pack, out string refDirectory)
    {
        var tfm = $"net{Environment.Version.Major}.0";
        var candidates = Directory.Exists(Path.Combine(dotnetRoot, "packs", pack))
            ? Directory.EnumerateDirectories(Path.Combine(dotnetRoot, "packs", pack))
                .Where(d => Directory.Exists(Path.Combine(d, "ref", tfm)))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"no {pack} with ref/{tfm} under {dotnetRoot}/packs");
        }

        refDirectory = Path.Combine(candidates[0], "ref", tfm);
        return Directory.EnumerateFiles(refDirectory, "*.dll");
    }

    internal static ImmutableArray<DiagnosticAnalyzer> Load(string path, bool isolated) => Load(path, new Loader(isolated));

    private static ImmutableArray<DiagnosticAnalyzer> Load(string path, Loader loader) =>
        new AnalyzerFileReference(Path.GetFullPath(path), loader).GetAnalyzers(LanguageNames.CSharp);

    /// <summary>
    /// Loads analyzer assemblies into the default context, or each into a load context of its own (two builds of ours
    /// share one assembly name); what an isolated assembly references (Roslyn) still comes from the default context.
    /// </summary>
    private sealed class Loader(bool isolated = false) : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => isolated
            ? new AssemblyLoadContext("ours: " + fullPath).LoadFromAssemblyPath(fullPath)
            : AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
