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
    public static int Run(string repository, string ours, string? resolver, int files, int seed, ProjectKind kind, int runs, bool frameworkAnalyzers = true, bool everyShape = false)
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
            new CSharpCompilationOptions(kind == ProjectKind.Web ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var loader = new Loader();
        var ourAnalyzers = Load(ours, loader);
        var aspNetAnalyzers = aspNetPack is null || !frameworkAnalyzers
            ? ImmutableArray<DiagnosticAnalyzer>.Empty
            : Directory.EnumerateFiles(Path.Combine(aspNetPack, "..", "..", "analyzers", "dotnet", "cs"), "Microsoft.AspNetCore.*Analyzers.dll")
                .SelectMany(p => Load(p, loader)).ToImmutableArray();
        var all = ourAnalyzers.AddRange(aspNetAnalyzers);

        Console.WriteLine($"{kind}: {summary.Files} files, {summary.Lines} lines; compile errors (analyzers still run): {compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error)}");
        Console.WriteLine($"ours: {ours}");
        var times = new Dictionary<DiagnosticAnalyzer, List<double>>();
        var ourDiagnostics = new Dictionary<string, int>(StringComparer.Ordinal);
        var allocated = new List<double>();
        for (var run = 0; run < runs; run++)
        {
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
            foreach (var analyzer in all)
            {
                var info = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
                (times.TryGetValue(analyzer, out var list) ? list : times[analyzer] = []).Add(info.ExecutionTime.TotalSeconds);
            }

            if (run == 0)
            {
                foreach (var group in diagnostics.Where(d => d.Id.StartsWith("CIP", StringComparison.Ordinal)).GroupBy(d => d.Id))
                {
                    ourDiagnostics[group.Key] = group.Count();
                }
            }
        }

        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture) + " s";
        var output = new StringBuilder().AppendLine().AppendLine($"| Analyzer | Median of {runs} | Runs |").AppendLine("|---|---:|---|");
        foreach (var analyzer in all)
        {
            output.AppendLine($"| {analyzer.GetType().FullName} | {Seconds(Median(times[analyzer]))} | {string.Join(", ", times[analyzer].Select(Seconds))} |");
        }

        double Total(IEnumerable<DiagnosticAnalyzer> set, int run) => set.Sum(a => times[a][run]);
        var ourTotals = Enumerable.Range(0, runs).Select(r => Total(ourAnalyzers, r)).ToList();
        var aspTotals = Enumerable.Range(0, runs).Select(r => Total(aspNetAnalyzers, r)).ToList();
        output.AppendLine($"| **Ours, total** | {Seconds(Median(ourTotals))} | {string.Join(", ", ourTotals.Select(Seconds))} |");
        output.AppendLine($"| **ASP.NET Core framework analyzers, total** | {Seconds(Median(aspTotals))} | {string.Join(", ", aspTotals.Select(Seconds))} |");
        if (aspNetAnalyzers.Length > 0)
        {
            var ratios = Enumerable.Range(0, runs).Select(r => ourTotals[r] / aspTotals[r]).ToList();
            output.AppendLine($"| **Ours / ASP.NET Core** (goal ≤ 5 %) | {Median(ratios):P1} | {string.Join(", ", ratios.Select(r => r.ToString("P1", CultureInfo.InvariantCulture)))} |");
        }

        output.AppendLine().AppendLine($"Allocated per run (compilation and every analyzer run, MiB): {string.Join(", ", allocated.Select(a => a.ToString("0.0", CultureInfo.InvariantCulture)))}");
        output.AppendLine("Our diagnostics: " + (ourDiagnostics.Count == 0 ? "none" : string.Join(", ", ourDiagnostics.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))));
        Console.Write(output.ToString());
        return 0;
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

    private static ImmutableArray<DiagnosticAnalyzer> Load(string path, Loader loader) =>
        new AnalyzerFileReference(Path.GetFullPath(path), loader).GetAnalyzers(LanguageNames.CSharp);

    /// <summary>Loads analyzer assemblies into the default context; each path is loaded once.</summary>
    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
